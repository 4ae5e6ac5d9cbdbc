package cn.gridgov.kit.outbox;

import cn.gridgov.kit.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Puts events in the outbox; callers do so inside the transaction of the change they report. */
@ApplicationScoped
public class Outbox implements PanacheRepository<OutboxEvent> {

    private final ObjectMapper json;
    private final String source;

    public Outbox(ObjectMapper json, @ConfigProperty(name = "quarkus.application.name") String application) {
        this.json = json;
        this.source = "/gridgov/" + application;
    }

    /** Adds an event of this service about a subject; the subject is also the Kafka key. */
    public Uni<CloudEvent> add(String topic, String type, String subject, Instant time, JsonNode data) {
        var event = CloudEvent.of(source, type, subject, time, data);
        var row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = subject;
        row.type = type;
        row.payload = write(event);
        row.createdAt = time;
        return persist(row).replaceWith(event);
    }

    public String write(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
