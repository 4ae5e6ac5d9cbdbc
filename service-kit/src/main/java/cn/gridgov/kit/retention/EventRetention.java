package cn.gridgov.kit.retention;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes what the outbox and the inbox no longer need, so neither table grows for ever (a town's
 * cases make about a dozen events each, 1.5 kB apiece): outbox rows sent longer ago than
 * {@code gridgov.outbox.retention} (Kafka holds them now; the recent ones stay for an operator to
 * look at), and the ids of events applied longer ago than {@code gridgov.inbox.retention}. The
 * inbox's retention must outlast the topics' (Kafka keeps seven days by default): an id is
 * forgotten only when its event can no longer be delivered again.
 *
 * <p>Deletes in pages, oldest first, so a sweep never holds many locks or makes one large WAL
 * burst; unsent rows are never touched, however old.
 */
@ApplicationScoped
public class EventRetention {

    private static final Logger LOG = Logger.getLogger(EventRetention.class);
    private static final int PAGE = 5_000;

    /* The oldest sent rows by id (ids grow with time), deleted if sent before the cutoff. */
    private static final String OUTBOX = """
            with page as (select id from outbox_event where sent_at is not null order by id limit $2),
                 gone as (delete from outbox_event o using page
                          where o.id = page.id and o.sent_at < now() - make_interval(secs => $1) returning 1)
            select count(*) from gone""";

    /* processed_at has a BRIN index: rows are appended in time order, so the old ones lie in the first blocks. */
    private static final String INBOX = """
            with gone as (delete from processed_event where event_id in (
                    select event_id from processed_event
                    where processed_at < now() - make_interval(secs => $1) limit $2) returning 1)
            select count(*) from gone""";

    private final Pool pool;
    private final Duration outboxRetention;
    private final Duration inboxRetention;

    public EventRetention(Pool pool,
                          @ConfigProperty(name = "gridgov.outbox.retention", defaultValue = "7d") Duration outboxRetention,
                          @ConfigProperty(name = "gridgov.inbox.retention", defaultValue = "30d") Duration inboxRetention) {
        this.pool = pool;
        this.outboxRetention = outboxRetention;
        this.inboxRetention = inboxRetention;
    }

    @Scheduled(every = "${gridgov.retention.sweep-interval:10m}", delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onTick() {
        return sweep().onFailure().recoverWithItem(failure -> {
            LOG.warnf("deleting old outbox rows and processed event ids failed, the next sweep tries again: %s",
                    failure.getMessage());
            return null;
        }).replaceWithVoid();
    }

    /** Deletes every sent outbox row and processed event id past its retention; answers how many of each. */
    public Uni<Swept> sweep() {
        return deleteAll(OUTBOX, outboxRetention, 0).chain(outbox -> deleteAll(INBOX, inboxRetention, 0)
                .map(inbox -> new Swept(outbox, inbox))
                .invoke(swept -> {
                    if (swept.outboxRows() + swept.processedIds() > 0) {
                        LOG.infof("deleted %d outbox rows sent before %s ago and %d processed event ids older than %s",
                                swept.outboxRows(), outboxRetention, swept.processedIds(), inboxRetention);
                    }
                }));
    }

    /** What one sweep deleted. */
    public record Swept(long outboxRows, long processedIds) {
    }

    private Uni<Long> deleteAll(String sql, Duration retention, long deletedSoFar) {
        return pool.preparedQuery(sql).execute(Tuple.of(retention.toMillis() / 1000.0, PAGE))
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(deleted -> deleted < PAGE
                        ? Uni.createFrom().item(deletedSoFar + deleted)
                        : deleteAll(sql, retention, deletedSoFar + deleted));
    }
}
