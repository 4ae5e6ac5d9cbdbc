package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/**
 * staff.location: a phone's position fix, on staff-locations.v1; grid-service keeps the newest per
 * person.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StaffLocation(
        String staffId, double longitude, double latitude, Double accuracyMeters, Instant at) {}
