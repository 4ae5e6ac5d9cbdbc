package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.ReporterNotified;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Writes case events to the outbox: the types and data records of event-contracts' {@link
 * CaseTypes}.
 */
@ApplicationScoped
public class CaseEvents {

    /**
     * The configured topic of case events: case-events.v1 ({@code Topics.CASE_EVENTS}), or the
     * tests' own.
     */
    public static final String TOPIC_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private final Outbox outbox;
    private final String topic;

    public CaseEvents(Outbox outbox, @ConfigProperty(name = TOPIC_CONFIG) String topic) {
        this.outbox = outbox;
        this.topic = topic;
    }

    /** Puts an event made with {@link #event} in the outbox, inside the caller's transaction. */
    public Uni<Void> publish(CloudEvent event) {
        return outbox.add(topic, event);
    }

    /** The change's event with the case's snapshot as it is now, not yet written anywhere. */
    public <D> CloudEvent event(Case c, Change<D> change, Actor actor, Instant at) {
        var data = change.data().apply(CaseSnapshots.of(c, actor));
        return outbox.envelope(change.eventType(), c.id.toString(), at, data);
    }

    /** 首问责任制: every reporter of the case hears of the change, in words they can read. */
    public Uni<Void> notifyReporters(Case c, List<UUID> reportIds, String message, Instant at) {
        return outbox.add(
                        topic,
                        CaseTypes.REPORTER_NOTIFIED,
                        c.id.toString(),
                        at,
                        new ReporterNotified(
                                c.id, c.number, c.status.name(), List.copyOf(reportIds), message))
                .replaceWithVoid();
    }
}
