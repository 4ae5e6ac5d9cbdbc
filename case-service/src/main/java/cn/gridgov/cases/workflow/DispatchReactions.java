package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.CaseStatus.ACCEPTED;
import static cn.gridgov.cases.casefile.CaseStatus.DISPATCHED;
import static cn.gridgov.cases.casefile.CaseStatus.HANDLING;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Drives the case from dispatch-service's decisions: routed (分流交办), accepted or sent back by a
 * department, urged and supervised (跟踪督办), whistles. Runs in the consumer's transaction.
 *
 * <p>case-service owns the case's status, step and handler. A decision that no longer fits the case
 * (it moved on meanwhile: a command that raced an event) is refused, never silently dropped: the
 * refusal is on the timeline and is announced as {@value #DISPATCH_REFUSED} with the case's snapshot,
 * so dispatch-service puts its decision back in line. An SLA warning about a step the case has left
 * is only noted: it claims nothing about who handles the case.
 */
@ApplicationScoped
public class DispatchReactions {

    private static final Logger LOG = Logger.getLogger(DispatchReactions.class);

    /** The event saying case-service refused one of dispatch-service's decisions (schema in events/). */
    public static final String DISPATCH_REFUSED = "case.dispatch-refused";

    private final CaseRepository cases;
    private final CaseChanges changes;

    public DispatchReactions(CaseRepository cases, CaseChanges changes) {
        this.cases = cases;
        this.changes = changes;
    }

    public Uni<Void> apply(CloudEvent event) {
        UUID caseId;
        try {
            caseId = UUID.fromString(event.subject());
        } catch (RuntimeException notACase) {
            LOG.warnf("dispatch event %s %s has no case id as subject; ignored", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        return cases.findById(caseId).chain(c -> {
            if (c == null) {
                LOG.debugf("%s for unknown case %s ignored", event.type(), event.subject());
                return Uni.createFrom().voidItem();
            }
            return react(c, event).replaceWithVoid();
        });
    }

    private Uni<Case> react(Case c, CloudEvent event) {
        var data = event.data();
        var department = text(data, "departmentCode");
        var actor = Actor.dispatchService(department);
        var at = event.time() != null ? event.time() : Instant.now();
        return switch (event.type()) {
            case "dispatch.routed" -> routed(c, event, actor, at);
            case "dispatch.department-accepted" -> {
                if (c.status == DISPATCHED) {
                    yield changes.transition(c, HANDLING, Change.of("DEPARTMENT_ACCEPTED", "case.handling"),
                            Details.of(new Actor(text(data, "staffId"), cn.gridgov.cases.casefile.Role.DEPARTMENT_STAFF, department), null));
                }
                // A case routed to its grid is handled there from the routing on: the grid chief's
                // acceptance agrees with the case and is recorded, nothing more.
                if (c.status == HANDLING && c.handlerKind == HandlerKind.GRID && department != null
                        && department.equals(c.routedDepartment)) {
                    yield changes.note(c, Change.of("GRID_ACCEPTED", null), Details.of(
                            new Actor(text(data, "staffId"), cn.gridgov.cases.casefile.Role.GRID_CHIEF, department), null));
                }
                yield refused(c, event, actor);
            }
            case "dispatch.sent-back" -> {
                if (c.status != DISPATCHED) {
                    yield refused(c, event, actor);
                }
                c.sendBackCount++;
                yield changes.transition(c, ACCEPTED, Change.of("SENT_BACK", "case.sent-back"),
                        Details.of(actor, department + " sent the case back: " + text(data, "reason"))
                                .withEventData(Map.of("sendBackCount", c.sendBackCount)));
            }
            case "dispatch.sla-warning" -> {
                if (c.step == null || !c.step.name().equals(text(data, "step"))) {
                    yield late(c, event, actor); // a warning about a step the case has left
                }
                c.supervisionLevel = data.path("escalationLevel").asInt(c.supervisionLevel);
                var action = "SUPERVISE".equals(text(data, "action")) ? "SUPERVISED" : "URGED";
                yield changes.note(c, Change.of(action, null), Details.of(actor,
                        text(data, "color") + " on step " + text(data, "step") + ", level " + c.supervisionLevel));
            }
            case "dispatch.whistle-blown", "dispatch.reported-for-duty", "dispatch.escalated", "dispatch.whistle-closed" ->
                    changes.note(c, Change.of(event.type().substring("dispatch.".length()).toUpperCase().replace('-', '_'), null),
                            Details.of(actor, data.toString()));
            default -> Uni.createFrom().item(c);
        };
    }

    private Uni<Case> routed(Case c, CloudEvent event, Actor actor, Instant at) {
        var data = event.data();
        var mode = data.path("mode").asText("DEPARTMENT");
        var note = "rule " + text(data, "ruleId") + (data.hasNonNull("reason") ? ": " + text(data, "reason") : "");
        // A decision changes the case only while dispatch may still move it: waiting for a route
        // (ACCEPTED), or sent to a department that has not accepted yet (a dispatcher's re-route).
        if (c.status != ACCEPTED && c.status != DISPATCHED) {
            return refused(c, event, actor);
        }
        c.routedTo(text(data, "departmentCode"), text(data, "departmentName"), text(data, "ruleId"), at);
        return switch (mode) {
            case "IN_GRID" -> {
                c.handlerKind = HandlerKind.GRID;
                c.coHandlingDepartments = "";
                yield changes.transition(c, HANDLING, Change.of("HANDLED_IN_GRID", "case.handled-in-grid"), Details.of(actor, note));
            }
            case "MANUAL" -> changes.note(c, Change.of("AWAITING_MANUAL_DISPATCH", null), Details.of(actor, note));
            default -> {
                c.handlerKind = HandlerKind.DEPARTMENT;
                c.coHandlingDepartments = coHandlers(data);
                var dispatched = Details.of(actor, note).withEventData(
                        Map.of("coHandlers", data.path("coHandlers").isArray() ? data.path("coHandlers") : List.of()));
                yield c.status == ACCEPTED
                        ? changes.transition(c, DISPATCHED, Change.of("DISPATCHED", "case.dispatched"), dispatched)
                        : changes.note(c, Change.of("REDISPATCHED", "case.dispatched"), dispatched);
            }
        };
    }

    /** A warning that no longer fits (the case left that step): noted, nothing to tell dispatch. */
    private Uni<Case> late(Case c, CloudEvent event, Actor actor) {
        LOG.debugf("%s for case %s arrived while it is %s; recorded only", event.type(), c.number, c.status);
        return changes.note(c, Change.of(ignored(event), null), Details.of(actor, "arrived while the case was " + c.status));
    }

    /**
     * A decision of dispatch-service's that the case cannot follow any more: recorded on the
     * timeline and announced with the case's snapshot (status, step, handler), naming the refused
     * event, so dispatch-service brings its decision back in line and the one who gave the command hears.
     */
    private Uni<Case> refused(Case c, CloudEvent event, Actor actor) {
        var reason = event.type() + " arrived while the case was " + c.status
                + (c.step == null ? "" : " at step " + c.step)
                + (c.routedDepartment == null ? "" : ", handled by " + c.routedDepartment);
        LOG.infof("refused %s %s for case %s: %s", event.type(), event.id(), c.number, reason);
        var refusal = new java.util.LinkedHashMap<String, Object>();
        refusal.put("refusedEventId", event.id());
        refusal.put("refusedType", event.type());
        refusal.put("reason", reason);
        refusal.put("handlerKind", c.handlerKind == null ? null : c.handlerKind.name());
        return changes.note(c, Change.of(ignored(event), DISPATCH_REFUSED), Details.of(actor, reason).withEventData(refusal));
    }

    /** The timeline's word for a decision the case did not follow (ROUTING_IGNORED, IGNORED_SENT_BACK…). */
    private static String ignored(CloudEvent event) {
        return "dispatch.routed".equals(event.type()) ? "ROUTING_IGNORED"
                : "IGNORED_" + event.type().substring("dispatch.".length()).toUpperCase().replace('-', '_');
    }

    /** The co-handlers' codes of a routing decision, comma-separated (as the case keeps them). */
    private static String coHandlers(JsonNode data) {
        var codes = new java.util.ArrayList<String>();
        data.path("coHandlers").forEach(d -> {
            var code = d.isTextual() ? d.asText() : d.path("code").asText("");
            if (!code.isBlank()) {
                codes.add(code);
            }
        });
        return String.join(",", codes);
    }

    private static String text(JsonNode data, String field) {
        var node = data.path(field);
        return node.isMissingNode() || node.isNull() ? null : node.asText();
    }
}
