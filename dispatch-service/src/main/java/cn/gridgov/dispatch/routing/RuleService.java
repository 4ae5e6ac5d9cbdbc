package cn.gridgov.dispatch.routing;

import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.lock.TransactionLock;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Objects;

/**
 * Changes the rule set. Each change is checked against the whole set (known departments and areas,
 * no two rules competing on equal terms) under a lock, so two concurrent changes cannot together
 * make the set ambiguous. Each change is in the audit trail (who, before, after), written in its
 * transaction.
 */
@ApplicationScoped
public class RuleService {

    /** A rule as submitted; the REST layer has checked its shape. */
    public record RuleDraft(
            String id,
            String categoryPrefix,
            String areaCode,
            SubjectType subjectType,
            Level level,
            RoutingMode mode,
            String departmentCode,
            List<String> coHandlers,
            int priority,
            String description) {}

    /** The rule and whether it was created now (false: it already existed exactly so). */
    public record Saved(RoutingRule rule, boolean created) {}

    /** A rule as the audit trail records it. */
    record Audited(
            String id,
            String categoryPrefix,
            String areaCode,
            SubjectType subjectType,
            Level level,
            RoutingMode mode,
            String departmentCode,
            List<String> coHandlers,
            int priority,
            String description) {
        static Audited of(RoutingRule r) {
            return new Audited(
                    r.id,
                    r.categoryPrefix,
                    r.areaCode,
                    r.subjectType,
                    r.level,
                    r.mode,
                    r.departmentCode,
                    r.coHandlerCodes(),
                    r.priority,
                    r.description);
        }
    }

    /** What the audit trail records changes of, here. */
    public static final String AUDIT_KIND = "ROUTING_RULE";

    private final RoutingTables tables;
    private final RoutingTables.Rules rules;
    private final AuditTrail audit;

    public RuleService(RoutingTables tables, RoutingTables.Rules rules, AuditTrail audit) {
        this.tables = tables;
        this.rules = rules;
        this.audit = audit;
    }

    public Uni<List<RoutingRule>> list() {
        return Panache.withSession(() -> rules.list("order by id"));
    }

    public Uni<RoutingRule> get(String id) {
        return Panache.withSession(() -> rules.findById(id)).map(rule -> found(rule, id));
    }

    /**
     * Creates a rule; sending the same rule again answers with it, a different rule under the same
     * id is refused.
     */
    public Uni<Saved> create(RuleDraft draft, String actor) {
        return change(
                () ->
                        rules.findById(draft.id())
                                .chain(
                                        existing ->
                                                tables.fetch()
                                                        .chain(
                                                                t -> {
                                                                    var candidate =
                                                                            checked(draft, t);
                                                                    if (existing != null) {
                                                                        if (sameRule(
                                                                                existing,
                                                                                candidate)) {
                                                                            return Uni.createFrom()
                                                                                    .item(
                                                                                            new Saved(
                                                                                                    existing,
                                                                                                    false));
                                                                        }
                                                                        throw new Problem(
                                                                                CONFLICT,
                                                                                "RULE_EXISTS",
                                                                                "id",
                                                                                "rule "
                                                                                        + draft.id()
                                                                                        + " already exists with other content; change it with PUT /api/v1/routing-rules/"
                                                                                        + draft
                                                                                                .id());
                                                                    }
                                                                    refuseOverlap(
                                                                            t.rules(), candidate);
                                                                    return rules.persist(candidate)
                                                                            .map(
                                                                                    saved ->
                                                                                            new Saved(
                                                                                                    saved,
                                                                                                    true))
                                                                            .call(
                                                                                    saved ->
                                                                                            audit
                                                                                                    .record(
                                                                                                            actor,
                                                                                                            AUDIT_KIND,
                                                                                                            draft
                                                                                                                    .id(),
                                                                                                            "CREATE",
                                                                                                            null,
                                                                                                            Audited
                                                                                                                    .of(
                                                                                                                            saved
                                                                                                                                    .rule())));
                                                                })));
    }

    public Uni<Saved> replace(RuleDraft draft, String actor) {
        return change(
                () ->
                        rules.findById(draft.id())
                                .chain(
                                        existing ->
                                                tables.fetch()
                                                        .chain(
                                                                t -> {
                                                                    found(existing, draft.id());
                                                                    var candidate =
                                                                            checked(draft, t);
                                                                    refuseOverlap(
                                                                            t.rules(), candidate);
                                                                    var before =
                                                                            Audited.of(existing);
                                                                    copy(candidate, existing);
                                                                    return audit.record(
                                                                                    actor,
                                                                                    AUDIT_KIND,
                                                                                    draft.id(),
                                                                                    "UPDATE",
                                                                                    before,
                                                                                    Audited.of(
                                                                                            existing))
                                                                            .replaceWith(
                                                                                    new Saved(
                                                                                            existing,
                                                                                            false));
                                                                })));
    }

    public Uni<Void> delete(String id, String actor) {
        return change(
                        () ->
                                rules.findById(id)
                                        .chain(
                                                existing ->
                                                        rules.delete(found(existing, id))
                                                                .call(
                                                                        () ->
                                                                                audit.record(
                                                                                        actor,
                                                                                        AUDIT_KIND,
                                                                                        id,
                                                                                        "DELETE",
                                                                                        Audited.of(
                                                                                                existing),
                                                                                        null))
                                                                .replaceWith(
                                                                        new Saved(
                                                                                existing, false))))
                .replaceWithVoid();
    }

    private Uni<Saved> change(java.util.function.Supplier<Uni<Saved>> work) {
        return Panache.withTransaction(() -> TransactionLock.take("routing-rules").chain(work::get))
                .call(tables::reload);
    }

    private static RoutingRule checked(RuleDraft draft, RoutingTables.Tables t) {
        var org = t.organisation();
        var rule = new RoutingRule();
        rule.id = draft.id();
        rule.categoryPrefix = draft.categoryPrefix() == null ? "" : draft.categoryPrefix();
        rule.areaCode = blankToNull(draft.areaCode());
        rule.subjectType = draft.subjectType();
        rule.level = draft.level();
        rule.mode = draft.mode();
        rule.priority = draft.priority();
        rule.description = draft.description() == null ? "" : draft.description();
        var coHandlers =
                draft.coHandlers() == null
                        ? List.<String>of()
                        : draft.coHandlers().stream().distinct().toList();
        if (rule.areaCode != null && !org.knowsArea(rule.areaCode)) {
            throw new Problem(
                    UNPROCESSABLE,
                    "UNKNOWN_AREA",
                    "areaCode",
                    "area " + rule.areaCode + " is neither a known area nor an enforcement zone");
        }
        switch (rule.mode) {
            case IN_GRID, MANUAL -> {
                var implied =
                        rule.mode == RoutingMode.IN_GRID
                                ? Department.GRID
                                : Department.COMMAND_CENTER;
                var code = blankToNull(draft.departmentCode());
                if (code != null && !code.equals(implied)) {
                    throw new Problem(
                            INVALID,
                            "MODE_MISMATCH",
                            "departmentCode",
                            "a " + rule.mode + " rule goes to " + implied + ", not to " + code);
                }
                if (!coHandlers.isEmpty()) {
                    throw new Problem(
                            INVALID,
                            "MODE_MISMATCH",
                            "coHandlers",
                            "only a DEPARTMENT rule has co-handlers");
                }
                rule.departmentCode = implied;
                rule.departmentName =
                        org.department(implied) == null ? implied : org.department(implied).name;
            }
            case DEPARTMENT -> {
                rule.departmentCode = blankToNull(draft.departmentCode());
                if (rule.departmentCode == null && rule.level == null) {
                    throw new Problem(
                            INVALID,
                            "LEAD_MISSING",
                            "departmentCode",
                            "a DEPARTMENT rule names its lead department, or a level to pick the local one");
                }
                if (rule.departmentCode != null) {
                    var lead = known(org, rule.departmentCode, "departmentCode");
                    rule.departmentName = lead.name;
                }
                for (var code : coHandlers) {
                    known(org, code, "coHandlers");
                }
            }
        }
        rule.coHandlers = Csv.join(coHandlers);
        return rule;
    }

    private static void refuseOverlap(List<RoutingRule> existing, RoutingRule candidate) {
        RuleConflicts.overlapping(existing, candidate)
                .ifPresent(
                        other -> {
                            throw new Problem(
                                    CONFLICT,
                                    "OVERLAPPING_RULES",
                                    "priority",
                                    "rule "
                                            + candidate.id
                                            + " overlaps rule "
                                            + other.id
                                            + ": both apply to category prefix '"
                                            + candidate.categoryPrefix
                                            + "', area "
                                            + (candidate.areaCode == null
                                                    ? "any"
                                                    : candidate.areaCode)
                                            + ", subject "
                                            + (candidate.subjectType == null
                                                    ? "any"
                                                    : candidate.subjectType)
                                            + " with priority "
                                            + candidate.priority
                                            + "; give one of them another priority or narrow it");
                        });
    }

    private static Department known(Organisation org, String code, String field) {
        var department = org.department(code);
        if (department == null) {
            throw new Problem(
                    UNPROCESSABLE,
                    "UNKNOWN_DEPARTMENT",
                    field,
                    "department "
                            + code
                            + " is unknown (known: "
                            + String.join(
                                    ", ", org.departments().keySet().stream().sorted().toList())
                            + ")");
        }
        return department;
    }

    private static RoutingRule found(RoutingRule rule, String id) {
        if (rule == null) {
            throw new Problem(
                    NOT_FOUND, "RULE_NOT_FOUND", "id", "routing rule " + id + " does not exist");
        }
        return rule;
    }

    private static boolean sameRule(RoutingRule a, RoutingRule b) {
        return a.categoryPrefix.equals(b.categoryPrefix)
                && Objects.equals(a.areaCode, b.areaCode)
                && a.subjectType == b.subjectType
                && a.level == b.level
                && a.mode == b.mode
                && Objects.equals(a.departmentCode, b.departmentCode)
                && Objects.equals(a.coHandlers, b.coHandlers)
                && a.priority == b.priority
                && Objects.equals(a.description, b.description);
    }

    private static void copy(RoutingRule from, RoutingRule to) {
        to.categoryPrefix = from.categoryPrefix;
        to.areaCode = from.areaCode;
        to.subjectType = from.subjectType;
        to.level = from.level;
        to.mode = from.mode;
        to.departmentCode = from.departmentCode;
        to.departmentName = from.departmentName;
        to.coHandlers = from.coHandlers;
        to.priority = from.priority;
        to.description = from.description;
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
