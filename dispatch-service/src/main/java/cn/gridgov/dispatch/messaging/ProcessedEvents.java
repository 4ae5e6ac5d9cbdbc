package cn.gridgov.dispatch.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Remembers which incoming events have been applied. Called in the transaction of the effect, so
 * an event is applied once even when Kafka delivers it again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /** Of a batch of events (id → type), the ids seen for the first time: one statement for the whole batch. */
    public Uni<Set<UUID>> firstDeliveries(List<Map.Entry<UUID, String>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        var sql = new StringBuilder("insert into processed_event (event_id, type) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:e").append(i).append(", :t").append(i).append(')');
        }
        sql.append(" on conflict do nothing returning event_id");
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql.toString(), UUID.class);
            for (int i = 0; i < events.size(); i++) {
                query.setParameter("e" + i, events.get(i).getKey());
                query.setParameter("t" + i, events.get(i).getValue());
            }
            return query.getResultList().map(HashSet::new);
        });
    }

    /** True the first time an event id is seen, false on every redelivery. */
    public Uni<Boolean> firstDelivery(UUID eventId, String type) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "insert into processed_event (event_id, type) values (:id, :type) on conflict do nothing")
                .setParameter("id", eventId)
                .setParameter("type", type)
                .executeUpdate()
                .map(rows -> rows == 1));
    }
}
