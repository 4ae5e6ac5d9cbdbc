package cn.gridgov.dispatch.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The outbox for work done over a plain SQL connection (the scans): same table, same transaction as the change. */
@ApplicationScoped
public class OutboxSql {

    private final ObjectMapper json;
    private final Clock clock;

    private final String topic;

    public OutboxSql(ObjectMapper json, Clock clock, @ConfigProperty(name = Topics.DISPATCH_EVENTS_CONFIG) String topic) {
        this.json = json;
        this.topic = topic;
        this.clock = clock;
    }

    public Uni<Void> add(SqlConnection connection, String type, UUID caseId, Object data) {
        var now = clock.instant();
        var event = CloudEvent.of(type, caseId, now, json.valueToTree(data));
        String payload;
        try {
            payload = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(new IllegalStateException("event " + type + " cannot be written", e));
        }
        return connection.preparedQuery("insert into outbox_event (event_id, topic, message_key, type, payload, created_at)"
                        + " values ($1, $2, $3, $4, $5, $6)")
                .execute(Tuple.of(UUID.fromString(event.id()), topic, caseId.toString(), type, payload,
                        OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
