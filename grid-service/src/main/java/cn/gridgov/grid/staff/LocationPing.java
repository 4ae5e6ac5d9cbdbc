package cn.gridgov.grid.staff;

import java.time.Instant;

/** Where a phone says its owner is, and when. */
public record LocationPing(
        String staffId, double longitude, double latitude, Double accuracyMeters, Instant at) {}
