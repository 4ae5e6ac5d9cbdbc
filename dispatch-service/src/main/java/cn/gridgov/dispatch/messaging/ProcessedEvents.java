package cn.gridgov.dispatch.messaging;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Remembers which incoming events have been applied. Called in the transaction of the effect, so an
 * event is applied once even when Kafka delivers it again.
 */
@ApplicationScoped
public class ProcessedEvents {

    /**
     * Of a batch of events (id → type), the ids seen for the first time: one statement for the
     * whole batch, over the caller's SQL connection and in its transaction.
     */
    public Uni<Set<UUID>> firstDeliveries(
            SqlConnection connection, List<Map.Entry<UUID, String>> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        var ids = events.stream().map(Map.Entry::getKey).toArray(UUID[]::new);
        var types = events.stream().map(Map.Entry::getValue).toArray(String[]::new);
        return connection
                .preparedQuery(
                        "insert into processed_event (event_id, type) "
                                + "select * from unnest($1::uuid[], $2::text[]) on conflict do nothing returning event_id")
                .execute(Tuple.of(ids, types))
                .map(
                        rows -> {
                            var fresh = new HashSet<UUID>();
                            rows.forEach(row -> fresh.add(row.getUUID("event_id")));
                            return fresh;
                        });
    }

    /** True the first time an event id is seen, false on every redelivery. */
    public Uni<Boolean> firstDelivery(UUID eventId, String type) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "insert into processed_event (event_id, type) values (:id, :type) on conflict do nothing")
                                        .setParameter("id", eventId)
                                        .setParameter("type", type)
                                        .executeUpdate()
                                        .map(rows -> rows == 1));
    }
}
