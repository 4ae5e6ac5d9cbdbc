package cn.gridgov.kit.parking;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The {@code parked_event} table. Parking a record also writes its dead-letter copy to the outbox
 * in the same transaction (topic {@code <topic>.dlq}, the subject as key, the error in its
 * headers), so the copy is published exactly when the row exists, by the relay like every other
 * event.
 */
@ApplicationScoped
public class ParkedEvents {

    private static final String PARK =
            """
            with parked as (
                insert into parked_event (consumer, topic, subject, event_id, type, payload, reason, error, attempts)
                values ($1, $2, $3, $4, $5, $6, $7, $8, $9)
                on conflict (consumer, event_id) where resolved_at is null do nothing
                returning id)
            insert into outbox_event (event_id, topic, message_key, type, payload, headers)
            select $10, $11, coalesce($3, ''), coalesce($5, 'unreadable'), $6, $12 from parked""";

    private static final String COLUMNS =
            """
            id, consumer, topic, subject, event_id, type, reason, error, attempts, parked_at, resolved_at, resolution,
            resolved_by, payload""";

    /** A record to park, with what it was parked for. */
    public record ToPark(
            Subscription subscription,
            String subject,
            String eventId,
            String type,
            String payload,
            ParkedEvent.Reason reason,
            String error,
            int attempts) {}

    private final Pool pool;
    private final ObjectMapper json;

    public ParkedEvents(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Parks the records in one transaction, in the order given (the row ids keep it). */
    public Uni<Void> park(List<ToPark> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var tuples = records.stream().map(this::tuple).toList();
        return pool.withTransaction(
                connection -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (var tuple : tuples) {
                        chain =
                                chain.chain(
                                        () ->
                                                connection
                                                        .preparedQuery(PARK)
                                                        .execute(tuple)
                                                        .replaceWithVoid());
                    }
                    return chain;
                });
    }

    private Tuple tuple(ToPark record) {
        var headers = new LinkedHashMap<String, String>();
        headers.put("content-type", "application/cloudevents+json; charset=UTF-8");
        headers.put("gridgov-parked-reason", record.reason().name());
        headers.put("gridgov-parked-error", record.error());
        headers.put("gridgov-parked-consumer", record.subscription().name());
        headers.put("gridgov-parked-attempts", Integer.toString(record.attempts()));
        headers.put("gridgov-original-topic", record.subscription().topic());
        String headerJson;
        try {
            headerJson = json.writeValueAsString(headers);
        } catch (Exception e) {
            throw new IllegalStateException("the headers of a parked record cannot be written", e);
        }
        return Tuple.from(
                new Object[] {
                    record.subscription().name(),
                    record.subscription().topic(),
                    record.subject(),
                    record.eventId(),
                    record.type(),
                    record.payload(),
                    record.reason().name(),
                    record.error(),
                    record.attempts(),
                    UUID.randomUUID(),
                    record.subscription().deadLetterTopic(),
                    headerJson
                });
    }

    /** Of these subjects, those with a record of this consumer parked and not yet resolved. */
    public Uni<Set<String>> waitingSubjects(String consumer, Collection<String> subjects) {
        if (subjects.isEmpty()) {
            return Uni.createFrom().item(new HashSet<>());
        }
        return pool.preparedQuery(
                        "select distinct subject from parked_event "
                                + "where consumer = $1 and subject = any($2) and resolved_at is null")
                .execute(Tuple.of(consumer, subjects.toArray(String[]::new)))
                .map(
                        rows -> {
                            var waiting = new HashSet<String>();
                            rows.forEach(row -> waiting.add(row.getString(0)));
                            return waiting;
                        });
    }

    /** Parked records still waiting, oldest first, of one subject and one consumer when given. */
    public Uni<List<ParkedEvent>> waiting(String consumer, String subject, int limit) {
        return pool.preparedQuery(
                        "select "
                                + COLUMNS
                                + " from parked_event where resolved_at is null "
                                + "and ($1::text is null or consumer = $1) and ($2::text is null or subject = $2) order by id limit $3")
                .execute(Tuple.of(consumer, subject, limit))
                .map(ParkedEvents::rows);
    }

    public Uni<ParkedEvent> find(long id) {
        return pool.preparedQuery("select " + COLUMNS + " from parked_event where id = $1")
                .execute(Tuple.of(id))
                .map(rows -> rows(rows).stream().findFirst().orElse(null));
    }

    /** The oldest record still waiting of a consumer's subject: the only one a replay may apply. */
    public Uni<ParkedEvent> firstWaiting(String consumer, String subject) {
        return pool.preparedQuery(
                        "select "
                                + COLUMNS
                                + " from parked_event where consumer = $1 and subject = $2 "
                                + "and resolved_at is null order by id limit 1")
                .execute(Tuple.of(consumer, subject))
                .map(rows -> rows(rows).stream().findFirst().orElse(null));
    }

    /** The consumers with records of a subject still waiting. */
    public Uni<List<String>> consumersWaiting(String subject) {
        return pool.preparedQuery(
                        "select distinct consumer from parked_event where subject = $1 and resolved_at is null "
                                + "order by consumer")
                .execute(Tuple.of(subject))
                .map(
                        rows -> {
                            var consumers = new ArrayList<String>();
                            rows.forEach(row -> consumers.add(row.getString(0)));
                            return consumers;
                        });
    }

    /**
     * Marks a waiting record resolved; false if it was resolved already (another operator's call).
     */
    public Uni<Boolean> resolve(long id, String resolution, String by) {
        return pool.preparedQuery(
                        "update parked_event set resolved_at = now(), resolution = $2, resolved_by = $3 "
                                + "where id = $1 and resolved_at is null")
                .execute(Tuple.of(id, resolution, by))
                .map(rows -> rows.rowCount() == 1);
    }

    /** A replay failed again: the record keeps waiting with the new error. */
    public Uni<Void> failedAgain(long id, String error) {
        return pool.preparedQuery(
                        "update parked_event set error = $2, attempts = attempts + 1 where id = $1")
                .execute(Tuple.of(id, error))
                .replaceWithVoid();
    }

    /** How many records wait, by consumer. */
    public Uni<Map<String, Long>> countWaiting() {
        return pool.query(
                        "select consumer, count(*) from parked_event where resolved_at is null group by consumer")
                .execute()
                .map(
                        rows -> {
                            var counts = new LinkedHashMap<String, Long>();
                            rows.forEach(row -> counts.put(row.getString(0), row.getLong(1)));
                            return counts;
                        });
    }

    private static List<ParkedEvent> rows(RowSet<Row> rows) {
        var parked = new ArrayList<ParkedEvent>();
        for (var row : rows) {
            parked.add(
                    new ParkedEvent(
                            row.getLong("id"),
                            row.getString("consumer"),
                            row.getString("topic"),
                            row.getString("subject"),
                            row.getString("event_id"),
                            row.getString("type"),
                            row.getString("reason"),
                            row.getString("error"),
                            row.getInteger("attempts"),
                            row.getOffsetDateTime("parked_at").toInstant(),
                            row.getOffsetDateTime("resolved_at") == null
                                    ? null
                                    : row.getOffsetDateTime("resolved_at").toInstant(),
                            row.getString("resolution"),
                            row.getString("resolved_by"),
                            row.getString("payload")));
        }
        return parked;
    }
}
