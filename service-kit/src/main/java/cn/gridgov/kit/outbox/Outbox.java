package cn.gridgov.kit.outbox;

import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Puts events in the outbox; callers do so inside the transaction of the change they report. */
@ApplicationScoped
public class Outbox implements PanacheRepository<OutboxEvent> {

    /**
     * A row behind an unsent earlier row of its subject is written unclaimed: a relay pass
     * publishes it after that one.
     */
    private static final String ADD_CLAIMED =
            """
            insert into outbox_event (event_id, topic, message_key, type, payload, created_at, claimed_by, claimed_at)
            select e.event_id, $1, e.message_key, e.type, e.payload, e.created_at,
                   case when earlier.unsent then null else $2 end, case when earlier.unsent then null else now() end
            from unnest($3::uuid[], $4::text[], $5::text[], $6::text[], $7::timestamptz[])
                 with ordinality as e(event_id, message_key, type, payload, created_at, n)
            cross join lateral (select exists (select 1 from outbox_event p
                                               where p.message_key = e.message_key and p.topic = $1
                                                 and p.sent_at is null) as unsent) earlier
            order by e.n
            returning id, topic, message_key, type, payload, headers, claimed_by is not null as claimed""";

    private final ObjectMapper json;
    private final String source;
    private final OutboxRelay relay;

    public Outbox(
            ObjectMapper json,
            @ConfigProperty(name = "quarkus.application.name") String application,
            OutboxRelay relay) {
        this.json = json;
        this.source = "/gridgov/" + application;
        this.relay = relay;
    }

    /** The CloudEvents source of this service's events, for code that writes events in SQL. */
    public String source() {
        return source;
    }

    /**
     * An event of this service about a subject, not yet written anywhere; {@code data} is the
     * type's record.
     */
    public <D> CloudEvent envelope(EventType<D> type, String subject, Instant time, D data) {
        return CloudEvent.of(source, type, subject, time, json.valueToTree(data));
    }

    /** Adds an event of this service about a subject; the subject is also the Kafka key. */
    public <D> Uni<CloudEvent> add(
            String topic, EventType<D> type, String subject, Instant time, D data) {
        var event = envelope(type, subject, time, data);
        return add(topic, event).replaceWith(event);
    }

    /** Adds an event made with {@link #envelope}; inside the caller's transaction. */
    public Uni<Void> add(String topic, CloudEvent event) {
        var row = new OutboxEvent();
        row.eventId = UUID.fromString(event.id());
        row.topic = topic;
        row.messageKey = event.subject();
        row.type = event.type();
        row.payload = write(event);
        row.createdAt = event.time();
        return persist(row).replaceWithVoid();
    }

    /**
     * Many events in one statement, in the order given (ids follow it); inside the caller's
     * transaction.
     */
    public Uni<Void> addAll(String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var sql =
                new StringBuilder(
                        "insert into outbox_event (event_id, topic, message_key, type, payload, created_at) values ");
        for (int i = 0; i < events.size(); i++) {
            sql.append(i == 0 ? "" : ", ")
                    .append("(:id")
                    .append(i)
                    .append(", :topic, :key")
                    .append(i)
                    .append(", :type")
                    .append(i)
                    .append(", :payload")
                    .append(i)
                    .append(", :at")
                    .append(i)
                    .append(')');
        }
        return Panache.getSession()
                .chain(
                        session -> {
                            var insert =
                                    session.createNativeQuery(sql.toString())
                                            .setParameter("topic", topic);
                            for (int i = 0; i < events.size(); i++) {
                                var event = events.get(i);
                                insert.setParameter("id" + i, UUID.fromString(event.id()))
                                        .setParameter("key" + i, event.subject())
                                        .setParameter("type" + i, event.type())
                                        .setParameter("payload" + i, write(event))
                                        .setParameter("at" + i, event.time());
                            }
                            return insert.executeUpdate().replaceWithVoid();
                        });
    }

    /**
     * Many events in one statement over the caller's SQL connection, inside its transaction,
     * written already claimed by this instance's relay. Once the transaction has committed, hand
     * the rows answered here to {@link OutboxRelay#publishCommitted}: they go to Kafka at once,
     * without a relay pass claiming them. Rows never handed over (the instance died between commit
     * and hand-over) are taken over by the relay's poll after the claim timeout, as any dead claim.
     *
     * <p>An event whose subject still has an unsent row (a hand-over in flight, failed or late, or
     * a row waiting for a pass) is written unclaimed and not answered: a relay pass publishes it
     * once the earlier row is sent, so it can never overtake that row.
     */
    public Uni<List<OutboxRelay.Claimed>> addAllClaimed(
            SqlConnection connection, String topic, List<CloudEvent> events) {
        if (events.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        int n = events.size();
        var ids = new UUID[n];
        var keys = new String[n];
        var types = new String[n];
        var payloads = new String[n];
        var times = new OffsetDateTime[n];
        for (int i = 0; i < n; i++) {
            var event = events.get(i);
            ids[i] = UUID.fromString(event.id());
            keys[i] = event.subject();
            types[i] = event.type();
            payloads[i] = write(event);
            times[i] = OffsetDateTime.ofInstant(event.time(), ZoneOffset.UTC);
        }
        return connection
                .preparedQuery(ADD_CLAIMED)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    topic, relay.directClaimant(), ids, keys, types, payloads, times
                                }))
                .map(
                        rows -> {
                            var claimed = new ArrayList<Row>();
                            rows.forEach(
                                    row -> {
                                        if (row.getBoolean("claimed")) {
                                            claimed.add(row);
                                        } else {
                                            relay.rowsLeftToPasses();
                                        }
                                    });
                            return OutboxRelay.rows(claimed);
                        });
    }

    public String write(CloudEvent event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "event " + event.type() + " cannot be written as JSON", e);
        }
    }
}
