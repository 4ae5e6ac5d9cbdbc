package cn.gridgov.cases.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Remembers which incoming events have been applied. Called in the transaction of the effect, so
 * an event is applied once even when Kafka delivers it again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** True the first time an event id is seen, false on every redelivery. */
    public Uni<Boolean> firstDelivery(String eventId, String type) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (event_id, type) values (:id, :type) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("type", type)
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}
