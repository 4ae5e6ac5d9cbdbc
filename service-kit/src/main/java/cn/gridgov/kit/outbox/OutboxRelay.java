package cn.gridgov.kit.outbox;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in order and marks them sent.
 *
 * <p>It runs on a timer and whenever a transaction has just added events ({@link #nudge()}), so
 * events go out within milliseconds without waiting for the next tick. A PostgreSQL advisory lock
 * lets one replica relay at a time, which keeps each subject's events in order even with several
 * replicas. A crash between publishing and marking sends a row again: consumers are idempotent by
 * event id, so at-least-once is enough. Each row names its topic; the channel is {@code outbox}.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 500;
    private static final long RELAY_LOCK = 0x6f7574626f78L; // "outbox"

    private final Outbox outbox;
    private final MutinyEmitter<String> emitter;
    private final Vertx vertx;
    private final Event<OutboxPublished> published;
    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean again = new AtomicBoolean();

    public OutboxRelay(Outbox outbox, @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 4096)
                       MutinyEmitter<String> emitter, Vertx vertx, Event<OutboxPublished> published) {
        this.outbox = outbox;
        this.emitter = emitter;
        this.vertx = vertx;
        this.published = published;
    }

    @Scheduled(every = "${gridgov.outbox.poll-interval:1s}", skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onTick() {
        nudge();
    }

    /** Asks for a relay run now; runs that overlap are folded into one more pass. */
    public void nudge() {
        if (!running.compareAndSet(false, true)) {
            again.set(true);
            return;
        }
        VertxContexts.onNewContext(vertx, () -> {
                    Context context = Vertx.currentContext();
                    return Panache.withTransaction(() -> publishBatch(context));
                })
                .subscribe().with(sent -> finished(sent >= BATCH), failure -> {
                    LOG.warnf("outbox relay failed, will retry: %s", failure.getMessage());
                    finished(false);
                });
    }

    private void finished(boolean moreWaiting) {
        running.set(false);
        if (again.getAndSet(false) || moreWaiting) {
            nudge();
        }
    }

    private Uni<Integer> publishBatch(Context context) {
        return Panache.getSession()
                .chain(session -> session.createNativeQuery("select pg_try_advisory_xact_lock(:key)", Boolean.class)
                        .setParameter("key", RELAY_LOCK)
                        .getSingleResult())
                .chain(locked -> locked
                        ? outbox.find("sentAt is null order by id").page(0, BATCH).list()
                        : Uni.createFrom().item(List.<OutboxEvent>of()))
                .chain(events -> events.isEmpty() ? Uni.createFrom().item(0) : publish(events, context));
    }

    private Uni<Integer> publish(List<OutboxEvent> events, Context context) {
        // Sends are issued in order and awaited together; the idempotent producer keeps their order.
        var sends = events.stream().map(this::send).toList();
        var sentAt = Instant.now();
        return Uni.join().all(sends).andFailFast()
                // Kafka acknowledges on its own threads; the session must be used on its context.
                .emitOn(task -> context.runOnContext(ignored -> task.run()))
                // One statement marks the whole batch sent, instead of one update per row.
                .chain(() -> Panache.getSession().chain(session -> session.createNativeQuery(
                                "update outbox_event set sent_at = :at where id in (:ids)")
                        .setParameter("at", sentAt)
                        .setParameter("ids", events.stream().map(event -> event.id).toList())
                        .executeUpdate()))
                .invoke(() -> LOG.debugf("relayed %d events", events.size()))
                .invoke(() -> published.fire(new OutboxPublished(events)))
                .map(ignored -> events.size());
    }

    private Uni<Void> send(OutboxEvent event) {
        var headers = new RecordHeaders()
                .add("content-type", CloudEvent.CONTENT_TYPE.getBytes(StandardCharsets.UTF_8));
        var metadata = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(event.topic)
                .withKey(event.messageKey)
                .withHeaders(headers)
                .build();
        return emitter.sendMessage(Message.of(event.payload).addMetadata(metadata));
    }
}
