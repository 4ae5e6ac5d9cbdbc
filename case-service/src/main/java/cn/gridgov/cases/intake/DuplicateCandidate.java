package cn.gridgov.cases.intake;

import java.time.Instant;
import java.util.UUID;

/** An open case that may be the same problem: same category, close by, reported recently. */
public record DuplicateCandidate(
        UUID caseId, String number, double distanceMeters, Instant reportedAt) {}
