package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** case.reported: a report became a case (step 1, 采集上报); the snapshot and the report. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseReported(
        @JsonUnwrapped CaseSnapshot snapshot,
        UUID reportId,
        String description,
        Instant reportedAt,
        List<UUID> photoIds,
        List<UUID> possibleDuplicates) {}
