package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.SubjectType;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.kit.problem.Problem;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * A command on a case. Who gives it is not in the body: it is the signed-in caller, acting as the
 * post {@link cn.gridgov.cases.workflow.CasePolicy} allows. A command may carry a note, photos and
 * the client's command id (a resend with the same id is not applied twice); each command reads the
 * fields it needs and says which one is missing.
 */
public record CommandRequest(
        UUID commandId,
        @Size(max = 2000) String note,
        @Size(max = 9) List<@NotNull UUID> photoIds,
        @Size(max = 40) String intoCase,
        Urgency urgency,
        SubjectType subjectType,
        Boolean passed,
        Double hours,
        LocalDate reviewOn,
        Boolean approved,
        Integer satisfaction) {

    /** The command's details; the actor is filled in by the policy once the case is loaded. */
    Details details() {
        return new Details(
                null, note, photoIds == null ? List.of() : List.copyOf(photoIds), commandId);
    }

    static <T> T required(T value, String field, String why) {
        if (value == null) {
            throw new Problem(
                    Problem.Kind.INVALID, "FIELD_REQUIRED", field, field + " is required: " + why);
        }
        return value;
    }
}
