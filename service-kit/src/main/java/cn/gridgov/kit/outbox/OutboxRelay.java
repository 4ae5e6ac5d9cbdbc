package cn.gridgov.kit.outbox;

import cn.gridgov.kit.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in order and marks them sent.
 *
 * <p>It runs on a timer and whenever a transaction has just added events ({@link #nudge()}), so
 * events go out within milliseconds. A pass claims the oldest unsent rows in a short transaction
 * (under a PostgreSQL advisory lock, and only if no other replica has rows in flight, so one
 * replica relays at a time and each subject's events stay in order), issues them to the producer in
 * id order, and marks them sent when Kafka has acknowledged them. A relay that dies leaves claimed
 * rows unsent; after the claim timeout they are claimed again and published again. Consumers are
 * idempotent by event id, so at-least-once is enough. Each row names its topic; the channel is
 * {@code outbox}. After a batch is marked sent, {@link OutboxPublished} is fired for live views.
 *
 * <p>Rows written with {@link Outbox#addAllClaimed} skip the claim: they are written already
 * claimed by this instance (as {@link #directClaimant()}) and handed over after their commit with
 * {@link #publishCommitted}, which issues them at once and marks them sent. Their claims do not
 * hold back another replica's pass (each replica publishes its own), and a claim that is never
 * handed over or marked sent times out and is taken over like any other.
 *
 * <p>A subject's events reach Kafka in the order of their rows on every path: a pass never claims a
 * row while an earlier unsent row of its subject is claimed (a hand-over late, in flight or about
 * to fail, or another pass's batch), and a row written for hand-over while an earlier row of its
 * subject is unsent is written unclaimed, for a pass to publish after it.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"

    /**
     * Marks claims written with the rows (handed over after commit); CLAIM's busy_elsewhere skips
     * them by it.
     */
    private static final String DIRECT = "/direct";

    private static final String CLAIM =
            """
            with busy_elsewhere as (
                select 1 from outbox_event
                where sent_at is null and claimed_by <> $1 and claimed_at > now() - make_interval(secs => $2)
                  and claimed_by not like '%/direct'
                limit 1
            ),
            batch as (
                select id from outbox_event o
                where sent_at is null and (claimed_at is null or claimed_at <= now() - make_interval(secs => $2))
                  and not exists (select 1 from busy_elsewhere)
                  -- an earlier row of the subject still in someone's hands (a hand-over late or failing) goes first
                  and not exists (select 1 from outbox_event e
                                  where e.message_key = o.message_key and e.topic = o.topic and e.id < o.id
                                    and e.sent_at is null and e.claimed_at > now() - make_interval(secs => $2))
                order by id
                limit $3
                for update
            )
            update outbox_event o set claimed_by = $1, claimed_at = now()
            from batch where o.id = batch.id
            returning o.id, o.topic, o.message_key, o.type, o.payload, o.headers""";

    /**
     * A row claimed for publishing; {@code headers} is a JSON object of Kafka headers beyond the
     * content type, or null.
     */
    public record Claimed(
            long id, String topic, String key, String type, String payload, String headers) {}

    private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};

    private final Pool pool;
    private final ObjectMapper json;
    private final MutinyEmitter<String> emitter;
    private final Event<OutboxPublished> published;
    private final Duration claimTimeout;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();
    private final AtomicBoolean leftToPasses = new AtomicBoolean();

    public OutboxRelay(
            Pool pool,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 16384)
                    MutinyEmitter<String> emitter,
            Event<OutboxPublished> published,
            ObjectMapper json,
            @ConfigProperty(name = "gridgov.outbox.claim-timeout", defaultValue = "30s")
                    Duration claimTimeout) {
        this.pool = pool;
        this.json = json;
        this.emitter = emitter;
        this.published = published;
        this.claimTimeout = claimTimeout;
    }

    /**
     * A row was written unclaimed behind an unsent earlier row of its subject ({@link
     * Outbox#addAllClaimed}): the next hand-over to finish asks for a pass, so it follows that row
     * without waiting for the poll.
     */
    void rowsLeftToPasses() {
        leftToPasses.set(true);
    }

    /**
     * The claimant of rows written already claimed by this instance, to be handed over after
     * commit.
     */
    public String directClaimant() {
        return instance + DIRECT;
    }

    /**
     * Publishes rows a transaction wrote with {@link Outbox#addAllClaimed}, once it has committed:
     * issues them now, in the order given, and marks them sent when Kafka has acknowledged them. If
     * that fails, their claims are given back and the next pass publishes them.
     */
    public void publishCommitted(List<Claimed> rows) {
        if (leftToPasses.get()) {
            nudge();
        }
        if (rows.isEmpty()) {
            return;
        }
        var ids = rows.stream().map(Claimed::id).toArray(Long[]::new);
        publish(rows)
                .subscribe()
                .with(
                        ignored -> {
                            if (leftToPasses.getAndSet(false)) {
                                nudge();
                            }
                        },
                        failure -> {
                            LOG.warnf(
                                    "publishing %d committed outbox events failed, the relay will retry: %s",
                                    rows.size(), failure.getMessage());
                            release(ids)
                                    .subscribe()
                                    .with(
                                            ignored -> nudge(),
                                            releaseFailure ->
                                                    LOG.warnf(
                                                            "releasing outbox claims failed; they are taken over after %s: %s",
                                                            claimTimeout,
                                                            releaseFailure.getMessage()));
                        });
    }

    @Scheduled(
            every = "${gridgov.outbox.poll-interval:1s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onTick() {
        nudge();
    }

    /**
     * Asks for a relay pass now; passes that overlap are folded into one more pass. One batch is in
     * flight at a time: the next is claimed once Kafka has acknowledged this one, so a backlog
     * never outruns the producer's buffer.
     */
    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        claim().chain(claimed -> publish(claimed).replaceWith(claimed.size()))
                .subscribe()
                .with(
                        count -> finished(count >= BATCH),
                        failure -> {
                            LOG.warnf("outbox relay failed, will retry: %s", failure.getMessage());
                            release(null)
                                    .subscribe()
                                    .with(
                                            ignored -> finished(false),
                                            releaseFailure -> {
                                                LOG.warnf(
                                                        "releasing outbox claims failed; they are taken over after %s: %s",
                                                        claimTimeout, releaseFailure.getMessage());
                                                finished(false);
                                            });
                        });
    }

    private void finished(boolean moreWaiting) {
        running.set(false);
        if (again.getAndSet(false) || moreWaiting) {
            nudge();
        }
    }

    private Uni<List<Claimed>> claim() {
        double timeoutSeconds = claimTimeout.toMillis() / 1000.0;
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery("select pg_try_advisory_xact_lock($1) as locked")
                                .execute(Tuple.of(RELAY_LOCK))
                                .chain(
                                        lock ->
                                                lock.iterator().next().getBoolean("locked")
                                                        ? connection
                                                                .preparedQuery(CLAIM)
                                                                .execute(
                                                                        Tuple.of(
                                                                                instance,
                                                                                timeoutSeconds,
                                                                                BATCH))
                                                                .map(OutboxRelay::rows)
                                                        : Uni.createFrom()
                                                                .item(List.<Claimed>of())));
    }

    static List<Claimed> rows(Iterable<Row> rows) {
        var claimed = new ArrayList<Claimed>();
        for (Row row : rows) {
            claimed.add(
                    new Claimed(
                            row.getLong("id"),
                            row.getString("topic"),
                            row.getString("message_key"),
                            row.getString("type"),
                            row.getString("payload"),
                            row.getString("headers")));
        }
        claimed.sort(Comparator.comparingLong(Claimed::id));
        return claimed;
    }

    /** Issues the batch in id order and marks it sent once Kafka has acknowledged all of it. */
    private Uni<Void> publish(List<Claimed> claimed) {
        if (claimed.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var sends = claimed.stream().map(this::send).toList();
        var ids = claimed.stream().map(Claimed::id).toArray(Long[]::new);
        return Uni.join()
                .all(sends)
                .andFailFast()
                .chain(
                        () ->
                                pool.preparedQuery(
                                                "update outbox_event set sent_at = now() where id = any($1)")
                                        .execute(Tuple.of(ids)))
                .invoke(
                        () -> {
                            LOG.debugf("relayed %d events", claimed.size());
                            published.fire(new OutboxPublished(claimed));
                        })
                .replaceWithVoid();
    }

    /**
     * Gives unsent claims back, so the next pass publishes them again from the oldest: those of
     * this relay's passes ({@code ids} null), or the rows given (a hand-over that failed).
     */
    private Uni<Void> release(Long[] ids) {
        var released =
                ids == null
                        ? pool.preparedQuery(
                                        "update outbox_event set claimed_by = null, claimed_at = null where claimed_by = $1 and sent_at is null")
                                .execute(Tuple.of(instance))
                        : pool.preparedQuery(
                                        "update outbox_event set claimed_by = null, claimed_at = null where id = any($1) and sent_at is null")
                                .execute(Tuple.of(ids));
        return released.replaceWithVoid();
    }

    private Uni<Void> send(Claimed event) {
        var headers = new RecordHeaders();
        if (event.headers() == null) {
            headers.add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        } else {
            headersOf(event)
                    .forEach(
                            (name, value) ->
                                    headers.add(name, value.getBytes(StandardCharsets.UTF_8)));
        }
        var metadata =
                OutgoingKafkaRecordMetadata.<String>builder()
                        .withTopic(event.topic())
                        .withKey(event.key())
                        .withHeaders(headers)
                        .build();
        return emitter.sendMessage(Message.of(event.payload()).addMetadata(metadata));
    }

    private Map<String, String> headersOf(Claimed event) {
        try {
            return json.readValue(event.headers(), HEADERS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "outbox row " + event.id() + " has headers that are not a JSON object", e);
        }
    }
}
