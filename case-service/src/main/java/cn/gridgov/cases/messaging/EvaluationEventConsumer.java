package cn.gridgov.cases.messaging;

import cn.gridgov.cases.evaluation.EvaluationFacts;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.retry.Retry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Feeds the evaluation read model from both topics, with consumer groups of its own: rebuilding it
 * is emptying its tables and reading the topics again from the start, without touching the loop's
 * own consumption. A database failure is retried and holds the partition.
 */
@ApplicationScoped
public class EvaluationEventConsumer {

    private static final Logger LOG = Logger.getLogger(EvaluationEventConsumer.class);

    private final EvaluationFacts facts;
    private final ObjectMapper json;

    public EvaluationEventConsumer(EvaluationFacts facts, ObjectMapper json) {
        this.facts = facts;
        this.json = json;
    }

    @Incoming("evaluation-case-events")
    public Uni<Void> caseEvent(String payload) {
        return apply(payload);
    }

    @Incoming("evaluation-dispatch-events")
    public Uni<Void> dispatchEvent(String payload) {
        return apply(payload);
    }

    private Uni<Void> apply(String payload) {
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
        } catch (Exception unreadable) {
            LOG.errorf("the read model skips an unreadable record: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (!event.isComplete()) {
            LOG.errorf("the read model skips an event without id, type or subject: %s", payload);
            return Uni.createFrom().voidItem();
        }
        return Retry.untilDone(facts.apply(event), () -> "the read model applying " + event.type() + " " + event.id());
    }
}
