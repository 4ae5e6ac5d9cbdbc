package cn.gridgov.kit.inbox;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;

/**
 * How a service takes in another service's events: each event is applied in one transaction
 * together with the record that it was applied (table {@code processed_event}), so a redelivery
 * changes nothing; a batch of events shares one transaction and one commit. What cannot be applied
 * is {@link Parking parked}: a bad record holds back its own subject, never the partition; a
 * database outage is waited out and loses nothing.
 */
@ApplicationScoped
public class Inbox {

    private final Parking parking;
    private final OutboxRelay relay;

    public Inbox(Parking parking, OutboxRelay relay) {
        this.parking = parking;
        this.relay = relay;
    }

    public Uni<Void> receive(
            Subscription subscription, String payload, Function<CloudEvent, Uni<Void>> effect) {
        return parking.receive(subscription, payload, event -> applyOnce(event, effect));
    }

    /**
     * A batch of records, as one poll brings them: applied together in one transaction (see {@link
     * #applyAllOnce}); if the batch fails, {@link Parking} applies its records one at a time.
     */
    public Uni<Void> receiveAll(
            Subscription subscription,
            List<String> payloads,
            Function<CloudEvent, Uni<Void>> effect) {
        return parking.receiveAll(subscription, payloads, events -> applyAllOnce(events, effect));
    }

    /**
     * The event's effect and the record of its id in one transaction; nothing if the id was applied
     * before.
     */
    public Uni<Void> applyOnce(CloudEvent event, Function<CloudEvent, Uni<Void>> effect) {
        return applyAllOnce(List.of(event), effect);
    }

    /**
     * Each event's effect, in their order, and the record of each id, all in one transaction and
     * one commit; an event whose id was applied before has no effect. Events of one subject see
     * each other's effects, as they would one transaction after another.
     */
    public Uni<Void> applyAllOnce(List<CloudEvent> events, Function<CloudEvent, Uni<Void>> effect) {
        return VertxContexts.onCurrentContext(
                        () ->
                                Panache.withTransaction(
                                        () -> {
                                            Uni<Void> chain = Uni.createFrom().voidItem();
                                            for (var event : events) {
                                                chain =
                                                        chain.chain(() -> firstDelivery(event))
                                                                .chain(
                                                                        first ->
                                                                                first
                                                                                        ? effect
                                                                                                .apply(
                                                                                                        event)
                                                                                        : Uni
                                                                                                .createFrom()
                                                                                                .voidItem());
                                            }
                                            return chain;
                                        }))
                .invoke(relay::nudge);
    }

    /**
     * True the first time an event id is seen, false on every redelivery; in the caller's
     * transaction.
     */
    private static Uni<Boolean> firstDelivery(CloudEvent event) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "insert into processed_event (event_id, type) values (:id, :type) on conflict do nothing")
                                        .setParameter("id", event.id())
                                        .setParameter("type", event.type())
                                        .executeUpdate()
                                        .map(rows -> rows == 1));
    }
}
