package cn.gridgov.dispatch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import io.quarkus.hibernate.reactive.panache.Panache;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Puts events in the outbox; callers do so inside the transaction of the change. */
@ApplicationScoped
public class Outbox implements PanacheRepository<OutboxEvent> {

    private final ObjectMapper json;

    public Outbox(ObjectMapper json) {
        this.json = json;
    }

    public Uni<Void> add(String topic, CloudEvent event) {
        var row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = event.subject();
        row.type = event.type();
        row.payload = write(event);
        row.createdAt = Instant.now();
        return persist(row).replaceWithVoid();
    }

    /** Many events in one statement, in the order given (ids follow it); inside the caller's transaction. */
    public Uni<Void> addAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var sql = new StringBuilder(
                "insert into outbox_event (event_id, topic, message_key, type, payload, created_at) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(:id").append(i).append(", :topic, :key").append(i)
                    .append(", :type").append(i).append(", :payload").append(i).append(", :at)");
        }
        var now = Instant.now();
        return Panache.getSession().chain(session -> {
            var insert = session.createNativeQuery(sql.toString()).setParameter("topic", topic).setParameter("at", now);
            for (int i = 0; i < events.size(); i++) {
                var event = events.get(i);
                insert.setParameter("id" + i, UUID.fromString(event.id()))
                        .setParameter("key" + i, event.subject())
                        .setParameter("type" + i, event.type())
                        .setParameter("payload" + i, write(event));
            }
            return insert.executeUpdate().replaceWithVoid();
        });
    }

    private String write(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
