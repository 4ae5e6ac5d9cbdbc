package cn.gridgov.dispatch.messaging;

import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.outbox.Outbox;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The outbox for work done over a plain SQL connection (the scans): same table, same transaction as
 * the change, and the same envelope and JSON as the kit's {@link Outbox}.
 */
@ApplicationScoped
public class OutboxSql {

    private final Outbox outbox;
    private final Clock clock;
    private final String topic;

    public OutboxSql(
            Outbox outbox,
            Clock clock,
            @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG) String topic) {
        this.outbox = outbox;
        this.clock = clock;
        this.topic = topic;
    }

    public <D> Uni<Void> add(SqlConnection connection, EventType<D> type, UUID caseId, D data) {
        var now = clock.instant();
        var event = outbox.envelope(type, caseId.toString(), now, data);
        String payload;
        try {
            payload = outbox.write(event);
        } catch (IllegalStateException unwritable) {
            return Uni.createFrom().failure(unwritable);
        }
        return connection
                .preparedQuery(
                        "insert into outbox_event (event_id, topic, message_key, type, payload, created_at)"
                                + " values ($1, $2, $3, $4, $5, $6)")
                .execute(
                        Tuple.of(
                                UUID.fromString(event.id()),
                                topic,
                                event.subject(),
                                event.type(),
                                payload,
                                OffsetDateTime.ofInstant(now, ZoneOffset.UTC)))
                .replaceWithVoid();
    }
}
