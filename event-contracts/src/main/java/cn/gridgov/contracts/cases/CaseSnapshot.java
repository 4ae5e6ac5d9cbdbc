package cn.gridgov.contracts.cases;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The case as it now stands: the data of every case event but {@code case.reporter-notified}
 * (schema {@code events/case-snapshot.schema.json}), so a consumer can keep its own view of a case
 * from the events alone. Each snapshot is whole: a null step means no step's clock runs.
 *
 * <p>Enumerated values (status, urgency, source, subject type, step) travel as text, so a reader
 * never fails on a value added later. {@code open} is case-service's word on whether the case still
 * needs someone to act (not closed, evaluated, rejected or merged); consumers take it from here and
 * never derive it from statuses or event types. It is a {@code Boolean} so that a reader can tell a
 * snapshot that does not say (an older producer) from one that says "not open".
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseSnapshot(
        UUID caseId,
        String number,
        String status,
        Boolean open,
        String category,
        String urgency,
        String source,
        String gridCode,
        List<String> dedicatedGridCodes,
        Double longitude,
        Double latitude,
        String subjectType,
        String step,
        Instant stepStartedAt,
        Instant stepWarnAt,
        Instant stepDueAt,
        String handlerDepartment,
        Actor actor) {}
