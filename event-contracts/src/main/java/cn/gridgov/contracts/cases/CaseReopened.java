package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.UUID;

/**
 * case.reopened: a closed case's problem was reported again at its place within the days its
 * category allows, so the case is registered again (back to ACCEPTED, to be routed anew) and the
 * new report is merged into it. The snapshot, the new report's case, and how often the case has now
 * been sent back to work (返工, failed checks and reopenings together).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseReopened(
        @JsonUnwrapped CaseSnapshot snapshot,
        UUID recurrenceCaseId,
        String recurrenceNumber,
        int reworkCount) {}
