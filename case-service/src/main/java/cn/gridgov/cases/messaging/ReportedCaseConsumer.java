package cn.gridgov.cases.messaging;

import cn.gridgov.cases.hotspot.RepeatReports;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.retry.Retry;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads this service's own {@code case.reported} events back from its topic and asks
 * {@link RepeatReports} whether each makes a hotspot or repeats a closed case. Apart from intake, so
 * that a report's answer never waits for the place's history; through the topic, so that no report
 * is missed (intake's outbox publishes each once it has committed).
 *
 * <p>Each event is applied once: its id goes into {@code processed_event} in the transaction of its
 * effects and of the events they announce (written already claimed and handed to the relay after the
 * commit, as intake's are). The SQL is PostGIS over the reactive client, as intake's duplicate search
 * is, not Hibernate. A database failure is retried and holds the partition ({@link Retry}). Events of
 * cases this database does not hold (another installation's, on a shared topic) change nothing.
 */
@ApplicationScoped
public class ReportedCaseConsumer {

    private static final Logger LOG = Logger.getLogger(ReportedCaseConsumer.class);

    private static final String FIRST_DELIVERY =
            "insert into processed_event (event_id, type) values ($1, $2) on conflict do nothing";

    private final Pool pool;
    private final RepeatReports repeats;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final String topic;

    public ReportedCaseConsumer(Pool pool, RepeatReports repeats, Outbox outbox, OutboxRelay relay, ObjectMapper json,
                                @ConfigProperty(name = CaseEvents.TOPIC_CONFIG) String topic) {
        this.pool = pool;
        this.repeats = repeats;
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.topic = topic;
    }

    @Incoming("reported-cases")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        UUID caseId;
        try {
            event = json.readValue(payload, CloudEvent.class);
            if (!CaseTypes.REPORTED.is(event.type())) {
                return Uni.createFrom().voidItem();
            }
            caseId = UUID.fromString(event.subject());
        } catch (Exception unreadable) {
            LOG.errorf("skipping unreadable record on %s: %s", topic, unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Retry.untilDone(VertxContexts.onCurrentContext(() -> pool.withTransaction(connection -> connection
                                .preparedQuery(FIRST_DELIVERY).execute(Tuple.of(event.id(), event.type()))
                                .chain(first -> first.rowCount() == 0 ? Uni.createFrom().item(List.<OutboxRelay.Claimed>of())
                                        : repeats.onReported(connection, caseId)
                                                .chain(events -> outbox.addAllClaimed(connection, topic, events)))))
                        .invoke(relay::publishCommitted),
                () -> "looking for hotspots and recurrences of " + event.subject())
                .replaceWithVoid();
    }
}
