package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import java.util.UUID;

/** case.reporter-notified: what every reporter of the case is told (首问责任制); not a snapshot. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ReporterNotified(
        UUID caseId, String number, String status, List<UUID> reportIds, String message) {}
