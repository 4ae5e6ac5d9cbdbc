package cn.gridgov.dispatch.routing;

import cn.gridgov.dispatch.messaging.CloudEvent;
import cn.gridgov.dispatch.messaging.Outbox;
import cn.gridgov.dispatch.messaging.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Decides where a case goes and announces it; runs inside the caller's transaction. */
@ApplicationScoped
public class RoutingService {

    private static final Logger LOG = Logger.getLogger(RoutingService.class);

    @ApplicationScoped
    public static class Rules implements PanacheRepositoryBase<RoutingRule, String> {
    }

    @ApplicationScoped
    public static class Decisions implements PanacheRepositoryBase<RoutingDecision, UUID> {
    }

    /** What a reported case looks like to the router. */
    public record CaseToRoute(UUID caseId, String number, String category, String gridCode) {
    }

    private final Rules rules;
    private final Decisions decisions;
    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;

    public RoutingService(Rules rules, Decisions decisions, Outbox outbox, ObjectMapper json, Clock clock) {
        this.rules = rules;
        this.decisions = decisions;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    /** Routes a case once; a case already routed keeps its decision. Must run in a transaction. */
    public Uni<Void> route(CaseToRoute c) {
        return decisions.findById(c.caseId()).chain(existing -> existing != null
                ? Uni.createFrom().voidItem()
                : rules.listAll().chain(all -> {
                    var rule = Router.choose(all, c.category()).orElseThrow(() -> new IllegalStateException(
                            "no routing rule matches category " + c.category() + " and no fallback rule exists"));
                    var decision = new RoutingDecision();
                    decision.caseId = c.caseId();
                    decision.caseNumber = c.number();
                    decision.category = c.category();
                    decision.gridCode = c.gridCode();
                    decision.departmentCode = rule.departmentCode;
                    decision.departmentName = rule.departmentName;
                    decision.ruleId = rule.id;
                    decision.decidedAt = clock.instant();
                    var event = CloudEvent.of(CaseRouted.TYPE, c.caseId(), decision.decidedAt,
                            json.valueToTree(CaseRouted.of(decision)));
                    LOG.infof("case %s (category %s) routed to %s by rule %s", c.number(), c.category(),
                            rule.departmentCode, rule.id);
                    return decisions.persist(decision).chain(() -> outbox.add(Topics.DISPATCH_EVENTS, event));
                }));
    }

    public Uni<java.util.List<RoutingRule>> rules() {
        return Panache.withSession(() -> rules.list("order by id"));
    }

    public Uni<RoutingDecision> decisionFor(UUID caseId) {
        return Panache.withSession(() -> decisions.findById(caseId));
    }
}
