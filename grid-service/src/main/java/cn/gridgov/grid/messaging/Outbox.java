package cn.gridgov.grid.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
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

    private String write(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
