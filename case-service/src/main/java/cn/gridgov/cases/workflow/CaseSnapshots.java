package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.contracts.cases.CaseSnapshot;
import java.util.Arrays;
import java.util.List;

/**
 * The case as every case event carries it: the contract's {@link CaseSnapshot} (event-contracts,
 * events/case-snapshot.schema.json), made from the entity here so the contract changes only on
 * purpose.
 */
public final class CaseSnapshots {

    private CaseSnapshots() {}

    public static CaseSnapshot of(Case c, Actor actor) {
        var dedicated =
                c.dedicatedGridCodes == null || c.dedicatedGridCodes.isEmpty()
                        ? List.<String>of()
                        : Arrays.asList(c.dedicatedGridCodes.split(","));
        return new CaseSnapshot(
                c.id,
                c.number,
                c.status.name(),
                c.status.isOpen(),
                c.category,
                name(c.urgency),
                name(c.source),
                c.gridCode,
                dedicated,
                c.longitude,
                c.latitude,
                name(c.subjectType),
                name(c.step),
                c.stepStartedAt,
                c.stepWarnAt,
                c.stepDueAt,
                c.routedDepartment,
                new cn.gridgov.contracts.Actor(
                        actor.staffId(), name(actor.role()), actor.departmentCode()));
    }

    private static String name(Enum<?> value) {
        return value == null ? null : value.name();
    }
}
