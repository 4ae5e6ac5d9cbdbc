package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.cases.casefile.SubjectType;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A command on a case. Every command names who gives it and may carry a note, photos and the
 * client's command id (a resend with the same id is not applied twice); each command reads the
 * fields it needs and says which one is missing.
 */
public record CommandRequest(
        UUID commandId,
        @NotNull @Valid ActorRequest actor,
        @Size(max = 2000) String note,
        @Size(max = 9) List<@NotNull UUID> photoIds,
        @Size(max = 40) String intoCase,
        Urgency urgency,
        SubjectType subjectType,
        Boolean passed,
        Double hours,
        Boolean approved,
        Integer satisfaction) {

    /** Who is acting. Until sign-in arrives the client states it; every entry records it. */
    public record ActorRequest(@Size(max = 64) String staffId, @NotNull Role role, @Size(max = 32) String departmentCode) {
    }

    Details details() {
        if (actor.role() == Role.SYSTEM) {
            throw new Problem(Problem.Kind.FORBIDDEN, "ROLE_NOT_ALLOWED", "actor.role", "SYSTEM acts only through events");
        }
        return new Details(new Actor(actor.staffId(), actor.role(), actor.departmentCode()), note,
                photoIds == null ? List.of() : List.copyOf(photoIds), commandId, Map.of());
    }

    static <T> T required(T value, String field, String why) {
        if (value == null) {
            throw new Problem(Problem.Kind.INVALID, "FIELD_REQUIRED", field, field + " is required: " + why);
        }
        return value;
    }
}
