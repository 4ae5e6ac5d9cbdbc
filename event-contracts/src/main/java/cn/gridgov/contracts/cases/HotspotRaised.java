package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * case.hotspot-raised: the same category reported again and again at one place ("三天三单": by default
 * three reports within three days within 50 m), for the command center; not a snapshot. The event's
 * subject (and record key) is the hotspot's id: a hotspot is not a case, and a case's own stream of
 * events stays its own; {@code cases} are every report counted, oldest first. Raised once per
 * hotspot: later reports at the place join it without a new event.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record HotspotRaised(
        UUID hotspotId,
        String category,
        String gridCode,
        double longitude,
        double latitude,
        int radiusMeters,
        int windowHours,
        Instant raisedAt,
        List<Report> cases) {

    /** A report counted in the hotspot: its case, number and when it was reported. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Report(UUID caseId, String number, Instant reportedAt) {}
}
