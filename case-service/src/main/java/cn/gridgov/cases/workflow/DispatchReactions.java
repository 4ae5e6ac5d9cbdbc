package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.CaseStatus.ACCEPTED;
import static cn.gridgov.cases.casefile.CaseStatus.DISPATCHED;
import static cn.gridgov.cases.casefile.CaseStatus.HANDLING;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.cases.CaseDispatched;
import cn.gridgov.contracts.cases.CaseSentBack;
import cn.gridgov.contracts.cases.DispatchRefused;
import cn.gridgov.contracts.dispatch.DepartmentAccepted;
import cn.gridgov.contracts.dispatch.DepartmentRef;
import cn.gridgov.contracts.dispatch.Routed;
import cn.gridgov.contracts.dispatch.SentBack;
import cn.gridgov.contracts.dispatch.SlaWarning;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.parking.UnusableEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drives the case from dispatch-service's decisions: routed (分流交办), accepted or sent back by a
 * department, urged and supervised (跟踪督办), whistles. Runs in the consumer's transaction. The events
 * are read as event-contracts' records of {@link DispatchTypes}.
 *
 * <p>case-service owns the case's status, step and handler. A decision that no longer fits the case
 * (it moved on meanwhile: a command that raced an event) is refused, never silently dropped: the
 * refusal is on the timeline and is announced as {@code case.dispatch-refused} ({@link
 * CaseTypes#DISPATCH_REFUSED}) with the case's snapshot, so dispatch-service puts its decision back
 * in line. An SLA warning about a step the case has left is only noted: it claims nothing about who
 * handles the case.
 */
@ApplicationScoped
public class DispatchReactions {

    private static final Logger LOG = Logger.getLogger(DispatchReactions.class);

    /** Whistle events: noted on the case's timeline as they are. */
    private static final Set<EventType<?>> NOTED =
            Set.of(
                    DispatchTypes.WHISTLE_BLOWN,
                    DispatchTypes.REPORTED_FOR_DUTY,
                    DispatchTypes.ESCALATED,
                    DispatchTypes.WHISTLE_CLOSED);

    private final CaseRepository cases;
    private final CaseChanges changes;
    private final ObjectMapper json;

    public DispatchReactions(CaseRepository cases, CaseChanges changes, ObjectMapper json) {
        this.cases = cases;
        this.changes = changes;
        this.json = json;
    }

    public Uni<Void> apply(CloudEvent event) {
        UUID caseId;
        try {
            caseId = UUID.fromString(event.subject());
        } catch (RuntimeException notACase) {
            LOG.warnf(
                    "dispatch event %s %s has no case id as subject; ignored",
                    event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return cases.findById(caseId)
                .chain(
                        c -> {
                            if (c == null) {
                                LOG.debugf(
                                        "%s for unknown case %s ignored",
                                        event.type(), event.subject());
                                return Uni.createFrom().voidItem();
                            }
                            return react(c, event).replaceWithVoid();
                        });
    }

    private Uni<Case> react(Case c, CloudEvent event) {
        var at = event.time() != null ? event.time() : Instant.now();
        try {
            if (DispatchTypes.ROUTED.is(event.type())) {
                return routed(c, event, event.dataAs(DispatchTypes.ROUTED, json), at);
            }
            if (DispatchTypes.DEPARTMENT_ACCEPTED.is(event.type())) {
                return departmentAccepted(
                        c, event, event.dataAs(DispatchTypes.DEPARTMENT_ACCEPTED, json));
            }
            if (DispatchTypes.SENT_BACK.is(event.type())) {
                return sentBack(c, event, event.dataAs(DispatchTypes.SENT_BACK, json));
            }
            if (DispatchTypes.SLA_WARNING.is(event.type())) {
                return slaWarning(c, event, event.dataAs(DispatchTypes.SLA_WARNING, json));
            }
            if (DispatchTypes.WHISTLE_BLOWN.is(event.type())) {
                summoned(c, event.dataAs(DispatchTypes.WHISTLE_BLOWN, json));
            }
        } catch (JsonProcessingException unreadable) {
            throw new UnusableEvent(
                    event.type()
                            + " "
                            + event.id()
                            + " for case "
                            + c.number
                            + " has data that is not its record: "
                            + unreadable.getOriginalMessage(),
                    unreadable);
        }
        var noted = NOTED.stream().filter(type -> type.is(event.type())).findFirst();
        if (noted.isPresent()) {
            var department =
                    event.data() == null ? null : event.data().path("departmentCode").asText(null);
            return changes.note(
                    c,
                    Change.of(action(noted.get().name()), null),
                    Details.of(Actor.dispatchService(department), String.valueOf(event.data())));
        }
        return Uni.createFrom().item(c);
    }

    /** The departments a whistle summons read the case from now on (noted below, as it came). */
    private static void summoned(Case c, WhistleBlown whistle) {
        var departments = new java.util.LinkedHashSet<>(CasePolicy.listed(c.summonedDepartments));
        if (whistle.departments() != null) {
            departments.addAll(whistle.departments());
        }
        c.summonedDepartments = String.join(",", departments);
    }

    private Uni<Case> departmentAccepted(Case c, CloudEvent event, DepartmentAccepted accepted) {
        var department = accepted.departmentCode();
        if (c.status == DISPATCHED) {
            return changes.transition(
                    c,
                    HANDLING,
                    Change.of("DEPARTMENT_ACCEPTED", CaseTypes.HANDLING),
                    Details.of(
                            new Actor(
                                    accepted.staffId(),
                                    cn.gridgov.cases.casefile.Role.DEPARTMENT_STAFF,
                                    department),
                            null));
        }
        // A case routed to its grid is handled there from the routing on: the grid chief's
        // acceptance agrees with the case and is recorded, nothing more.
        if (c.status == HANDLING
                && c.handlerKind == HandlerKind.GRID
                && department != null
                && department.equals(c.routedDepartment)) {
            return changes.note(
                    c,
                    Change.of("GRID_ACCEPTED", null),
                    Details.of(
                            new Actor(
                                    accepted.staffId(),
                                    cn.gridgov.cases.casefile.Role.GRID_CHIEF,
                                    department),
                            null));
        }
        return refused(c, event, Actor.dispatchService(department));
    }

    private Uni<Case> sentBack(Case c, CloudEvent event, SentBack sentBack) {
        var actor = Actor.dispatchService(sentBack.departmentCode());
        if (c.status != DISPATCHED) {
            return refused(c, event, actor);
        }
        c.sendBackCount++;
        int count = c.sendBackCount;
        return changes.transition(
                c,
                ACCEPTED,
                Change.of("SENT_BACK", CaseTypes.SENT_BACK, s -> new CaseSentBack(s, count)),
                Details.of(
                        actor,
                        sentBack.departmentCode() + " sent the case back: " + sentBack.reason()));
    }

    private Uni<Case> slaWarning(Case c, CloudEvent event, SlaWarning warning) {
        var actor = Actor.dispatchService(null);
        if (c.step == null || !c.step.name().equals(warning.step())) {
            return late(c, event, actor); // a warning about a step the case has left
        }
        c.supervisionLevel = warning.escalationLevel();
        var action = "SUPERVISE".equals(warning.action()) ? "SUPERVISED" : "URGED";
        return changes.note(
                c,
                Change.of(action, null),
                Details.of(
                        actor,
                        warning.color()
                                + " on step "
                                + warning.step()
                                + ", level "
                                + c.supervisionLevel));
    }

    private Uni<Case> routed(Case c, CloudEvent event, Routed routed, Instant at) {
        var actor = Actor.dispatchService(routed.departmentCode());
        var mode = routed.mode() != null ? routed.mode() : "DEPARTMENT";
        var note =
                "rule " + routed.ruleId() + (routed.reason() != null ? ": " + routed.reason() : "");
        // A decision changes the case only while dispatch may still move it: waiting for a route
        // (ACCEPTED), or sent to a department that has not accepted yet (a dispatcher's re-route).
        if (c.status != ACCEPTED && c.status != DISPATCHED) {
            return refused(c, event, actor);
        }
        c.routedTo(routed.departmentCode(), routed.departmentName(), routed.ruleId(), at);
        return switch (mode) {
            case "IN_GRID" -> {
                c.handlerKind = HandlerKind.GRID;
                c.coHandlingDepartments = "";
                yield changes.transition(
                        c,
                        HANDLING,
                        Change.of("HANDLED_IN_GRID", CaseTypes.HANDLED_IN_GRID),
                        Details.of(actor, note));
            }
            case "MANUAL" ->
                    changes.note(
                            c,
                            Change.of("AWAITING_MANUAL_DISPATCH", null),
                            Details.of(actor, note));
            default -> {
                c.handlerKind = HandlerKind.DEPARTMENT;
                var coHandlers =
                        routed.coHandlers() != null
                                ? List.copyOf(routed.coHandlers())
                                : List.<DepartmentRef>of();
                // The co-handlers' codes, comma-separated, as the case keeps them.
                c.coHandlingDepartments =
                        String.join(
                                ",",
                                coHandlers.stream()
                                        .map(DepartmentRef::code)
                                        .filter(code -> code != null && !code.isBlank())
                                        .toList());
                var dispatched = Details.of(actor, note);
                yield c.status == ACCEPTED
                        ? changes.transition(
                                c,
                                DISPATCHED,
                                Change.of(
                                        "DISPATCHED",
                                        CaseTypes.DISPATCHED,
                                        s -> new CaseDispatched(s, coHandlers)),
                                dispatched)
                        : changes.note(
                                c,
                                Change.of(
                                        "REDISPATCHED",
                                        CaseTypes.DISPATCHED,
                                        s -> new CaseDispatched(s, coHandlers)),
                                dispatched);
            }
        };
    }

    /** A warning that no longer fits (the case left that step): noted, nothing to tell dispatch. */
    private Uni<Case> late(Case c, CloudEvent event, Actor actor) {
        LOG.debugf(
                "%s for case %s arrived while it is %s; recorded only",
                event.type(), c.number, c.status);
        return changes.note(
                c,
                Change.of(ignored(event), null),
                Details.of(actor, "arrived while the case was " + c.status));
    }

    /**
     * A decision of dispatch-service's that the case cannot follow any more: recorded on the
     * timeline and announced with the case's snapshot (status, step, handler), naming the refused
     * event, so dispatch-service brings its decision back in line and the one who gave the command
     * hears.
     */
    private Uni<Case> refused(Case c, CloudEvent event, Actor actor) {
        var reason =
                event.type()
                        + " arrived while the case was "
                        + c.status
                        + (c.step == null ? "" : " at step " + c.step)
                        + (c.routedDepartment == null ? "" : ", handled by " + c.routedDepartment);
        LOG.infof("refused %s %s for case %s: %s", event.type(), event.id(), c.number, reason);
        var handlerKind = c.handlerKind == null ? null : c.handlerKind.name();
        return changes.note(
                c,
                Change.of(
                        ignored(event),
                        CaseTypes.DISPATCH_REFUSED,
                        s -> new DispatchRefused(s, event.id(), event.type(), reason, handlerKind)),
                Details.of(actor, reason));
    }

    /**
     * The timeline's word for a decision the case did not follow (ROUTING_IGNORED,
     * IGNORED_SENT_BACK…).
     */
    private static String ignored(CloudEvent event) {
        return DispatchTypes.ROUTED.is(event.type())
                ? "ROUTING_IGNORED"
                : "IGNORED_" + action(event.type());
    }

    /** The timeline's word for a dispatch event: dispatch.sent-back → SENT_BACK. */
    private static String action(String type) {
        return type.substring(type.indexOf('.') + 1).toUpperCase().replace('-', '_');
    }
}
