package cn.gridgov.kit.inbox;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.retry.Retry;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * How a service takes in another service's events: each event is applied in one transaction
 * together with the record that it was applied (table {@code processed_event}), so a redelivery
 * changes nothing. A database failure is retried with back-off and holds the partition: nothing is
 * dropped. Only a record that is not a CloudEvent at all is logged and skipped, since it would
 * otherwise block its partition forever.
 */
@ApplicationScoped
public class Inbox {

    private static final Logger LOG = Logger.getLogger(Inbox.class);

    private final ObjectMapper json;
    private final OutboxRelay relay;

    public Inbox(ObjectMapper json, OutboxRelay relay) {
        this.json = json;
        this.relay = relay;
    }

    public Uni<Void> receive(String topic, String payload, Function<CloudEvent, Uni<Void>> effect) {
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
            if (!event.isComplete()) {
                throw new IllegalArgumentException("a CloudEvent needs an id, a type and a subject");
            }
        } catch (Exception unreadable) {
            LOG.errorf("skipping unreadable record on %s: %s", topic, unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Retry.untilDone(VertxContexts.onCurrentContext(() -> Panache.withTransaction(() -> firstDelivery(event)
                                .chain(first -> first ? effect.apply(event) : Uni.createFrom().voidItem())))
                        .invoke(relay::nudge),
                () -> "applying " + event.type() + " " + event.id() + " from " + topic);
    }

    /** True the first time an event id is seen, false on every redelivery; in the caller's transaction. */
    private static Uni<Boolean> firstDelivery(CloudEvent event) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (event_id, type) values (:id, :type) on conflict do nothing")
                .setParameter("id", event.id())
                .setParameter("type", event.type())
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}
