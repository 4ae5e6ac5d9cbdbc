package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * case.recurred: a closed case's problem reported again at the same place, of the same category,
 * within the configured days after closing; not a snapshot. The subject is the closed case, so the
 * event follows it on its partition. It is counted against the closer: the department that handled
 * it ({@code handlerDepartment}, {@code GRID} for the grid chief) and the staff member whose check
 * closed it ({@code closedBy}). The closed case stays closed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseRecurred(
        UUID caseId,
        String number,
        String category,
        Instant closedAt,
        String handlerDepartment,
        String closedBy,
        UUID recurrenceCaseId,
        String recurrenceNumber,
        Instant reportedAt) {}
