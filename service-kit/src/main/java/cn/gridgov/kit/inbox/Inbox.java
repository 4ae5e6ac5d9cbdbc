package cn.gridgov.kit.inbox;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Function;

/**
 * How a service takes in another service's events one at a time: each event is applied in one
 * transaction together with the record that it was applied (table {@code processed_event}), so a
 * redelivery changes nothing. What cannot be applied is {@link Parking parked}: a bad record holds
 * back its own subject, never the partition; a database outage is waited out and loses nothing.
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
     * The event's effect and the record of its id in one transaction; nothing if the id was applied
     * before.
     */
    public Uni<Void> applyOnce(CloudEvent event, Function<CloudEvent, Uni<Void>> effect) {
        return VertxContexts.onCurrentContext(
                        () ->
                                Panache.withTransaction(
                                        () ->
                                                firstDelivery(event)
                                                        .chain(
                                                                first ->
                                                                        first
                                                                                ? effect.apply(
                                                                                        event)
                                                                                : Uni.createFrom()
                                                                                        .voidItem())))
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
