package cn.gridgov.dispatch.routing;

import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.DecisionRealigned;
import cn.gridgov.contracts.dispatch.DepartmentAccepted;
import cn.gridgov.contracts.dispatch.DepartmentRef;
import cn.gridgov.contracts.dispatch.Routed;
import cn.gridgov.contracts.dispatch.SentBack;
import cn.gridgov.dispatch.access.Actor;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.dispatch.sql.SqlArrays;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Decides where a case goes, lets departments accept or send it back, lets a dispatcher override.
 */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    @ApplicationScoped
    public static class Decisions implements PanacheRepositoryBase<RoutingDecision, UUID> {}

    /**
     * A dispatcher's choice, already checked for shape by the REST layer; {@code by} is whom the
     * policy allowed.
     */
    public record Override(
            RoutingMode mode,
            String departmentCode,
            List<String> coHandlers,
            Actor by,
            String reason) {}

    private final Decisions decisions;
    private final CaseFiles cases;
    private final RoutingTables tables;
    private final DispatchEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final DispatchPolicy policy;

    public RoutingService(
            Decisions decisions,
            CaseFiles cases,
            RoutingTables tables,
            DispatchEvents events,
            OutboxRelay relay,
            Clock clock,
            DispatchPolicy policy) {
        this.policy = policy;
        this.decisions = decisions;
        this.cases = cases;
        this.tables = tables;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /** Of these cases, those that have a decision, in one query over the caller's connection. */
    public Uni<Set<UUID>> routedAmong(SqlConnection connection, UUID[] caseIds) {
        return connection
                .preparedQuery("select case_id from routing_decision where case_id = any($1)")
                .execute(Tuple.of(caseIds))
                .map(
                        rows -> {
                            var routed = new HashSet<UUID>();
                            rows.forEach(row -> routed.add(row.getUUID("case_id")));
                            return routed;
                        });
    }

    /**
     * The first decision for an accepted case, by the rules; not saved yet (see {@link
     * #saveFirst}).
     */
    public RoutingDecision firstDecision(CaseFile file, RoutingTables.Tables t) {
        var decision = new RoutingDecision();
        decision.caseId = file.caseId;
        applyRoute(
                decision,
                file,
                Router.route(t.rules(), t.organisation(), request(file, t, Set.of())));
        return decision;
    }

    /**
     * A fresh decision for a reopened case, by the rules, passing over every department that ever
     * sent it back (as a send-back does); not saved yet (see {@link #saveAgain}).
     */
    public RoutingDecision decisionAgain(
            CaseFile file, RoutingTables.Tables t, Set<String> sentBackBy) {
        var decision = new RoutingDecision();
        decision.caseId = file.caseId;
        applyRoute(
                decision,
                file,
                Router.route(t.rules(), t.organisation(), request(file, t, sentBackBy)));
        return decision;
    }

    /** Of these cases, the departments that ever sent each back, in one query. */
    public Uni<Map<UUID, Set<String>>> sentBackBy(SqlConnection connection, UUID[] caseIds) {
        if (caseIds.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return connection
                .preparedQuery(
                        "select case_id, department_code from send_back where case_id = any($1)")
                .execute(Tuple.of(caseIds))
                .map(
                        rows -> {
                            var by = new HashMap<UUID, Set<String>>();
                            rows.forEach(
                                    row ->
                                            by.computeIfAbsent(
                                                            row.getUUID("case_id"),
                                                            id -> new HashSet<>())
                                                    .add(row.getString("department_code")));
                            return by;
                        });
    }

    /** The event announcing a decision. */
    public CloudEvent announcement(RoutingDecision decision, Organisation org) {
        return events.envelope(DispatchTypes.ROUTED, decision.caseId, routed(decision, org));
    }

    /**
     * Inserts first decisions, in one statement in the caller's transaction. A decision made
     * meanwhile for one of these cases fails the statement (a duplicate key), and with it the
     * transaction, as a persisted entity would.
     */
    public Uni<Void> saveFirst(SqlConnection connection, List<RoutingDecision> first) {
        return save(connection, first, "");
    }

    /**
     * Replaces the decisions of reopened cases (case.reopened: a closed case reported again goes
     * back to routing) with fresh ones, in one statement in the caller's transaction; the count of
     * send-backs and refusals stays, as the case's history.
     */
    public Uni<Void> saveAgain(SqlConnection connection, List<RoutingDecision> again) {
        return save(
                connection,
                again,
                """
                 on conflict (case_id) do update set case_number = excluded.case_number, category = excluded.category,
                    grid_code = excluded.grid_code, mode = excluded.mode, department_code = excluded.department_code,
                    department_name = excluded.department_name, co_handlers = excluded.co_handlers,
                    rule_id = excluded.rule_id, reason = excluded.reason, state = excluded.state,
                    decided_at = excluded.decided_at, overridden_by = null, override_reason = null,
                    accepted_by = null, accepted_at = null, version = routing_decision.version + 1""");
    }

    private Uni<Void> save(
            SqlConnection connection, List<RoutingDecision> first, String onConflict) {
        if (first.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = first.size();
        var ids = new UUID[n];
        String[] number = new String[n],
                category = new String[n],
                grid = new String[n],
                mode = new String[n],
                lead = new String[n],
                leadName = new String[n],
                coHandlers = new String[n],
                rule = new String[n],
                reason = new String[n],
                state = new String[n];
        var decidedAt = new Instant[n];
        for (int i = 0; i < n; i++) {
            var d = first.get(i);
            ids[i] = d.caseId;
            number[i] = d.caseNumber;
            category[i] = d.category;
            grid[i] = d.gridCode;
            mode[i] = d.mode.name();
            lead[i] = d.departmentCode;
            leadName[i] = d.departmentName;
            coHandlers[i] = d.coHandlers;
            rule[i] = d.ruleId;
            reason[i] = d.reason;
            state[i] = d.state.name();
            decidedAt[i] = d.decidedAt;
        }
        return connection
                .preparedQuery(
                        """
                        insert into routing_decision (case_id, case_number, category, grid_code, mode, department_code,
                            department_name, co_handlers, rule_id, reason, state, decided_at)
                        select * from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[],
                            $7::text[], $8::text[], $9::text[], $10::text[], $11::text[], $12::timestamptz[])"""
                                + onConflict)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    ids,
                                    number,
                                    category,
                                    grid,
                                    mode,
                                    lead,
                                    leadName,
                                    coHandlers,
                                    rule,
                                    reason,
                                    state,
                                    SqlArrays.timestamps(decidedAt)
                                }))
                .replaceWithVoid();
    }

    /**
     * The lead accepts the case; who the lead is acting for comes from the caller's posts (see
     * {@link DispatchPolicy#lead}); refused once the case has left the dispatch steps ({@link
     * DispatchPolicy#requireAtDispatch}).
     */
    public Uni<RoutingDecision> accept(UUID caseId, DispatchPolicy.Person person) {
        return Panache.withTransaction(
                        () ->
                                current(caseId)
                                        .chain(
                                                decision ->
                                                        cases.findById(caseId)
                                                                .chain(
                                                                        file -> {
                                                                            var actor =
                                                                                    leadOf(
                                                                                            decision,
                                                                                            file,
                                                                                            person,
                                                                                            "accept");
                                                                            if (decision.state
                                                                                    == RoutingDecision
                                                                                            .State
                                                                                            .ACCEPTED) {
                                                                                return Uni
                                                                                        .createFrom()
                                                                                        .item(
                                                                                                decision); // a retried acceptance changes nothing
                                                                            }
                                                                            policy
                                                                                    .requireAtDispatch(
                                                                                            DispatchPolicy
                                                                                                    .DispatchCommand
                                                                                                    .ACCEPT,
                                                                                            decision,
                                                                                            file);
                                                                            decision.state =
                                                                                    RoutingDecision
                                                                                            .State
                                                                                            .ACCEPTED;
                                                                            decision.acceptedBy =
                                                                                    actor.staffId();
                                                                            decision.acceptedAt =
                                                                                    clock.instant();
                                                                            LOG.infof(
                                                                                    "case %s accepted by %s (%s as %s)",
                                                                                    decision.caseNumber,
                                                                                    actor
                                                                                            .departmentCode(),
                                                                                    actor.staffId(),
                                                                                    actor.role());
                                                                            return events.publish(
                                                                                            DispatchTypes
                                                                                                    .DEPARTMENT_ACCEPTED,
                                                                                            caseId,
                                                                                            new DepartmentAccepted(
                                                                                                    caseId,
                                                                                                    actor
                                                                                                            .departmentCode(),
                                                                                                    actor
                                                                                                            .staffId(),
                                                                                                    decision.acceptedAt,
                                                                                                    actor
                                                                                                            .inEvents()))
                                                                                    .replaceWith(
                                                                                            decision);
                                                                        })))
                .invoke(relay::nudge);
    }

    /**
     * The lead sends the case back; it is routed again without every department that ever sent it
     * back.
     */
    public Uni<RoutingDecision> sendBack(UUID caseId, DispatchPolicy.Person person, String reason) {
        return Panache.withTransaction(
                        () ->
                                current(caseId)
                                        .chain(
                                                decision ->
                                                        cases.findById(caseId)
                                                                .chain(
                                                                        file -> {
                                                                            var actor =
                                                                                    leadOf(
                                                                                            decision,
                                                                                            file,
                                                                                            person,
                                                                                            "send back");
                                                                            var departmentCode =
                                                                                    actor
                                                                                            .departmentCode();
                                                                            policy
                                                                                    .requireAtDispatch(
                                                                                            DispatchPolicy
                                                                                                    .DispatchCommand
                                                                                                    .SEND_BACK,
                                                                                            decision,
                                                                                            file);
                                                                            var at =
                                                                                    clock.instant();
                                                                            decision.sendBackCount++;
                                                                            return Panache
                                                                                    .getSession()
                                                                                    .chain(
                                                                                            session ->
                                                                                                    session.createNativeQuery(
                                                                                                                    "insert into send_back (case_id, department_code, staff_id, reason, at) values (:c, :d, :s, :r, :at)")
                                                                                                            .setParameter(
                                                                                                                    "c",
                                                                                                                    caseId)
                                                                                                            .setParameter(
                                                                                                                    "d",
                                                                                                                    departmentCode)
                                                                                                            .setParameter(
                                                                                                                    "s",
                                                                                                                    actor
                                                                                                                            .staffId())
                                                                                                            .setParameter(
                                                                                                                    "r",
                                                                                                                    reason)
                                                                                                            .setParameter(
                                                                                                                    "at",
                                                                                                                    at)
                                                                                                            .executeUpdate()
                                                                                                            // No result class: Hibernate caches a native query with one under a key it
                                                                                                            // never finds again, one entry more per run, each lookup walking them all.
                                                                                                            .chain(
                                                                                                                    () ->
                                                                                                                            session.createNativeQuery(
                                                                                                                                            "select department_code from send_back where case_id = :c")
                                                                                                                                    .setParameter(
                                                                                                                                            "c",
                                                                                                                                            caseId)
                                                                                                                                    .getResultList()))
                                                                                    .chain(
                                                                                            rows ->
                                                                                                    events.publish(
                                                                                                                    DispatchTypes
                                                                                                                            .SENT_BACK,
                                                                                                                    caseId,
                                                                                                                    new SentBack(
                                                                                                                            caseId,
                                                                                                                            departmentCode,
                                                                                                                            reason,
                                                                                                                            decision.sendBackCount,
                                                                                                                            at,
                                                                                                                            actor
                                                                                                                                    .staffId(),
                                                                                                                            actor
                                                                                                                                    .inEvents()))
                                                                                                            .chain(
                                                                                                                    () ->
                                                                                                                            reroute(
                                                                                                                                    decision,
                                                                                                                                    rows
                                                                                                                                            .stream()
                                                                                                                                            .map(
                                                                                                                                                    String
                                                                                                                                                                    .class
                                                                                                                                                            ::cast)
                                                                                                                                            .collect(
                                                                                                                                                    Collectors
                                                                                                                                                            .toSet()))))
                                                                                    .invoke(
                                                                                            () ->
                                                                                                    LOG
                                                                                                            .infof(
                                                                                                                    "case %s sent back by %s (%s: %s), routed again to %s",
                                                                                                                    decision.caseNumber,
                                                                                                                    departmentCode,
                                                                                                                    actor
                                                                                                                            .staffId(),
                                                                                                                    reason,
                                                                                                                    decision.departmentCode))
                                                                                    .replaceWith(
                                                                                            decision);
                                                                        })))
                .invoke(relay::nudge);
    }

    /**
     * A dispatcher decides by hand; refused once the lead has accepted or the case has left the
     * dispatch steps.
     */
    public Uni<RoutingDecision> override(UUID caseId, Override choice) {
        return Panache.withTransaction(
                        () ->
                                current(caseId)
                                        .chain(
                                                decision ->
                                                        cases.findById(caseId)
                                                                .chain(
                                                                        file -> {
                                                                            policy
                                                                                    .requireAtDispatch(
                                                                                            DispatchPolicy
                                                                                                    .DispatchCommand
                                                                                                    .OVERRIDE,
                                                                                            decision,
                                                                                            file);
                                                                            return tables.current();
                                                                        })
                                                                .chain(
                                                                        t -> {
                                                                            var org =
                                                                                    t
                                                                                            .organisation();
                                                                            var lead =
                                                                                    switch (choice
                                                                                            .mode()) {
                                                                                        case IN_GRID ->
                                                                                                org
                                                                                                        .department(
                                                                                                                Department
                                                                                                                        .GRID);
                                                                                        case MANUAL ->
                                                                                                org
                                                                                                        .department(
                                                                                                                Department
                                                                                                                        .COMMAND_CENTER);
                                                                                        case DEPARTMENT ->
                                                                                                known(
                                                                                                        org,
                                                                                                        choice
                                                                                                                .departmentCode(),
                                                                                                        "departmentCode");
                                                                                    };
                                                                            var coHandlers =
                                                                                    choice.mode()
                                                                                                    == RoutingMode
                                                                                                            .DEPARTMENT
                                                                                            ? choice
                                                                                                    .coHandlers()
                                                                                                    .stream()
                                                                                                    .distinct()
                                                                                                    .filter(
                                                                                                            code ->
                                                                                                                    !code
                                                                                                                            .equals(
                                                                                                                                    lead.code))
                                                                                                    .map(
                                                                                                            code ->
                                                                                                                    known(
                                                                                                                            org,
                                                                                                                            code,
                                                                                                                            "coHandlers"))
                                                                                                    .toList()
                                                                                            : List
                                                                                                    .<Department>
                                                                                                            of();
                                                                            decision.mode =
                                                                                    choice.mode();
                                                                            decision.departmentCode =
                                                                                    lead.code;
                                                                            decision.departmentName =
                                                                                    lead.name;
                                                                            decision.coHandlers =
                                                                                    String.join(
                                                                                            ",",
                                                                                            coHandlers
                                                                                                    .stream()
                                                                                                    .map(
                                                                                                            d ->
                                                                                                                    d.code)
                                                                                                    .toList());
                                                                            decision.ruleId =
                                                                                    "OVERRIDE";
                                                                            decision.reason =
                                                                                    "overridden by "
                                                                                            + choice.by()
                                                                                                    .staffId()
                                                                                            + ": "
                                                                                            + choice
                                                                                                    .reason();
                                                                            decision.overriddenBy =
                                                                                    choice.by()
                                                                                            .staffId();
                                                                            decision.overrideReason =
                                                                                    choice.reason();
                                                                            decision.state =
                                                                                    RoutingDecision
                                                                                            .State
                                                                                            .ROUTED;
                                                                            decision.acceptedBy =
                                                                                    null;
                                                                            decision.acceptedAt =
                                                                                    null;
                                                                            decision.decidedAt =
                                                                                    clock.instant();
                                                                            LOG.infof(
                                                                                    "case %s overridden by %s (%s) to %s %s",
                                                                                    decision.caseNumber,
                                                                                    choice.by()
                                                                                            .staffId(),
                                                                                    choice.by()
                                                                                            .role(),
                                                                                    decision.mode,
                                                                                    decision.departmentCode);
                                                                            return events.publish(
                                                                                            DispatchTypes
                                                                                                    .ROUTED,
                                                                                            decision.caseId,
                                                                                            routed(
                                                                                                    decision,
                                                                                                    org,
                                                                                                    choice
                                                                                                            .by()))
                                                                                    .replaceWith(
                                                                                            decision);
                                                                        })))
                .invoke(relay::nudge);
    }

    /**
     * What case-service said when it refused one of our events (case.dispatch-refused): the case's
     * status, step and handler as it holds them, and which event it refused, why.
     */
    public record Refusal(
            UUID caseId,
            String status,
            String step,
            String handlerDepartment,
            String handlerKind,
            String refusedEventId,
            String refusedType,
            String reason) {}

    /**
     * Brings the decisions case-service refused back in line with case-service, in the consumer's
     * transaction: the lead case-service holds (its kind tells the mode), ACCEPTED once the case is
     * handled or beyond, ROUTED while it waits for a department; co-handlers are dropped when the
     * lead changes (case-service's snapshot does not carry them); the refusal is counted and kept.
     * Answers the dispatch.decision-realigned events to publish, one per decision changed.
     *
     * <p>Taking the refusal's snapshot as it comes is safe: case-service refuses a decision only
     * once the case has left the dispatch steps, and a case never goes back to them, so every later
     * decision is refused as well and no refusal can undo a decision case-service followed.
     */
    public Uni<List<CloudEvent>> bringInLine(
            SqlConnection connection, List<Refusal> refusals, Organisation org) {
        var out = new java.util.ArrayList<CloudEvent>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        var at = clock.instant();
        for (var refusal : refusals) {
            var lead = refusal.handlerDepartment();
            var mode =
                    lead == null
                            ? null
                            : "GRID".equals(refusal.handlerKind()) || Department.GRID.equals(lead)
                                    ? RoutingMode.IN_GRID
                                    : Department.COMMAND_CENTER.equals(lead)
                                            ? RoutingMode.MANUAL
                                            : RoutingMode.DEPARTMENT;
            var leadName =
                    lead == null
                            ? null
                            : org.department(lead) == null ? lead : org.department(lead).name;
            var state =
                    DispatchPolicy.stillDispatching(refusal.status())
                            ? RoutingDecision.State.ROUTED
                            : RoutingDecision.State.ACCEPTED;
            chain =
                    chain.chain(
                            () ->
                                    connection
                                            .preparedQuery(
                                                    """
                            update routing_decision set
                                co_handlers = case when $2::text is null or $2 = department_code then co_handlers else '' end,
                                department_code = coalesce($2, department_code),
                                department_name = coalesce($3, department_name),
                                mode = coalesce($4, mode),
                                state = $5,
                                accepted_at = case when $5 = 'ACCEPTED' then coalesce(accepted_at, $6) end,
                                accepted_by = case when $5 = 'ACCEPTED' then accepted_by end,
                                refusal_count = refusal_count + 1, last_refusal = $7, refused_at = $6,
                                version = version + 1
                            where case_id = $1
                            returning case_number, mode, department_code, department_name, state, refusal_count""")
                                            .execute(
                                                    Tuple.from(
                                                            new Object[] {
                                                                refusal.caseId(),
                                                                lead,
                                                                leadName,
                                                                mode == null ? null : mode.name(),
                                                                state.name(),
                                                                java.time.OffsetDateTime.ofInstant(
                                                                        at,
                                                                        java.time.ZoneOffset.UTC),
                                                                refusal.reason()
                                                            }))
                                            .invoke(
                                                    rows ->
                                                            rows.forEach(
                                                                    row -> {
                                                                        LOG.infof(
                                                                                "case %s: case-service refused %s (%s); decision brought in line: %s %s",
                                                                                row.getString(
                                                                                        "case_number"),
                                                                                refusal
                                                                                        .refusedType(),
                                                                                refusal.reason(),
                                                                                row.getString(
                                                                                        "state"),
                                                                                row.getString(
                                                                                        "department_code"));
                                                                        out.add(
                                                                                events.envelope(
                                                                                        DispatchTypes
                                                                                                .DECISION_REALIGNED,
                                                                                        refusal
                                                                                                .caseId(),
                                                                                        new DecisionRealigned(
                                                                                                refusal
                                                                                                        .caseId(),
                                                                                                row
                                                                                                        .getString(
                                                                                                                "case_number"),
                                                                                                RoutingMode
                                                                                                        .valueOf(
                                                                                                                row
                                                                                                                        .getString(
                                                                                                                                "mode"))
                                                                                                        .name(),
                                                                                                row
                                                                                                        .getString(
                                                                                                                "department_code"),
                                                                                                row
                                                                                                        .getString(
                                                                                                                "department_name"),
                                                                                                RoutingDecision
                                                                                                        .State
                                                                                                        .valueOf(
                                                                                                                row
                                                                                                                        .getString(
                                                                                                                                "state"))
                                                                                                        .name(),
                                                                                                refusal
                                                                                                        .status(),
                                                                                                refusal
                                                                                                        .step(),
                                                                                                refusal
                                                                                                        .refusedEventId(),
                                                                                                refusal
                                                                                                        .refusedType(),
                                                                                                refusal
                                                                                                        .reason(),
                                                                                                row
                                                                                                        .getInteger(
                                                                                                                "refusal_count"),
                                                                                                at)));
                                                                    }))
                                            .replaceWithVoid());
        }
        return chain.map(done -> out);
    }

    public Uni<RoutingDecision> decisionFor(UUID caseId) {
        return Panache.withSession(() -> decisions.findById(caseId));
    }

    private Uni<Void> reroute(RoutingDecision decision, Set<String> excluded) {
        return cases.findById(decision.caseId)
                .chain(
                        file ->
                                tables.current()
                                        .chain(
                                                t -> {
                                                    var known =
                                                            file != null
                                                                    ? file
                                                                    : fileFrom(decision);
                                                    applyRoute(
                                                            decision,
                                                            known,
                                                            Router.route(
                                                                    t.rules(),
                                                                    t.organisation(),
                                                                    request(known, t, excluded)));
                                                    return announce(decision, t.organisation());
                                                }));
    }

    private Uni<RoutingDecision> current(UUID caseId) {
        return decisions
                .findById(caseId)
                .map(
                        decision -> {
                            if (decision == null) {
                                throw new Problem(
                                        NOT_FOUND,
                                        "DECISION_NOT_FOUND",
                                        "caseId",
                                        "case " + caseId + " has not been routed");
                            }
                            return decision;
                        });
    }

    /**
     * Who acts as the lead of this decision, as the policy says (the case's grids come from its
     * file).
     */
    private Actor leadOf(
            RoutingDecision decision, CaseFile file, DispatchPolicy.Person person, String action) {
        var grids = new java.util.ArrayList<String>();
        if (decision.gridCode != null) {
            grids.add(decision.gridCode);
        }
        if (file != null) {
            grids.addAll(file.dedicatedGrids());
        }
        return policy.lead(person, decision.departmentCode, grids, decision.caseNumber, action);
    }

    private static Department known(Organisation org, String code, String field) {
        var department = org.department(code);
        if (department == null) {
            throw new Problem(
                    UNPROCESSABLE,
                    "UNKNOWN_DEPARTMENT",
                    field,
                    "department " + code + " is unknown");
        }
        return department;
    }

    private static Router.Request request(
            CaseFile file, RoutingTables.Tables t, Set<String> excluded) {
        return new Router.Request(
                file.category,
                SubjectType.parse(file.subjectType),
                t.organisation().placeOf(file.gridCode, file.dedicatedGrids()),
                excluded);
    }

    private void applyRoute(RoutingDecision decision, CaseFile file, Router.Route route) {
        decision.caseNumber = file.number;
        decision.category = file.category;
        decision.gridCode = file.gridCode;
        decision.mode = route.mode();
        decision.departmentCode = route.lead().code;
        decision.departmentName = route.lead().name;
        decision.coHandlers =
                String.join(",", route.coHandlers().stream().map(d -> d.code).toList());
        decision.ruleId = route.ruleId();
        decision.reason = route.reason();
        decision.overriddenBy = null;
        decision.overrideReason = null;
        decision.state = RoutingDecision.State.ROUTED;
        decision.acceptedBy = null;
        decision.acceptedAt = null;
        decision.decidedAt = clock.instant();
        // Every decision is in routing_decision and on Kafka; at hundreds a second a log line each
        // is noise.
        LOG.debugf(
                "case %s (category %s) routed %s to %s: %s",
                file.number, file.category, route.mode(), route.lead().code, route.reason());
    }

    private Uni<Void> announce(RoutingDecision decision, Organisation org) {
        return events.publish(DispatchTypes.ROUTED, decision.caseId, routed(decision, org));
    }

    private static Routed routed(RoutingDecision decision, Organisation org) {
        return routed(decision, org, null);
    }

    private static Routed routed(RoutingDecision decision, Organisation org, Actor by) {
        var coHandlers =
                decision.coHandlerCodes().stream()
                        .map(
                                code ->
                                        new DepartmentRef(
                                                code,
                                                org.department(code) == null
                                                        ? code
                                                        : org.department(code).name))
                        .toList();
        return new Routed(
                decision.caseId,
                decision.caseNumber,
                decision.mode.name(),
                decision.departmentCode,
                decision.departmentName,
                coHandlers,
                decision.ruleId,
                decision.reason,
                decision.overriddenBy,
                decision.decidedAt,
                by == null ? null : by.inEvents());
    }

    private static CaseFile fileFrom(RoutingDecision decision) {
        var file = new CaseFile();
        file.caseId = decision.caseId;
        file.number = decision.caseNumber;
        file.category = decision.category;
        file.gridCode = decision.gridCode;
        return file;
    }
}
