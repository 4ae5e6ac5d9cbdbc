package cn.gridgov.kit.retention;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Deletes what the outbox and the inbox no longer need, so neither table grows for ever (a town's
 * cases make about a dozen events each, 1.5 kB apiece): outbox rows sent longer ago than {@code
 * gridgov.outbox.retention} (Kafka holds them now; the recent ones stay for an operator to look
 * at), the ids of events applied longer ago than {@code gridgov.inbox.retention}, and parked
 * records an operator replayed or discarded longer ago than {@code gridgov.parking.retention}
 * (their dead-letter copies stay on {@code <topic>.dlq}; waiting ones are never touched). The
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

    /*
     * The statements carry their cutoffs and page size as literals and run unprepared: a prepared
     * statement turns to a generic plan after five runs (at once where a service's connections force
     * generic plans, as case-service's do), and with the page size unknown the planner
     * expects a tenth of the table, so it read the whole outbox (6 GB after 5 million events) on
     * every sweep, and the reports arriving meanwhile waited for the disk.
     */

    /* The oldest sent rows by id (ids grow with time), deleted if sent before the cutoff. */
    private static final String OUTBOX =
            """
            with page as (select id from outbox_event where sent_at is not null order by id limit %d),
                 gone as (delete from outbox_event o using page
                          where o.id = page.id and o.sent_at < now() - make_interval(secs => %d) returning 1)
            select count(*) from gone""";

    /* processed_at has a BRIN index: rows are appended in time order, so the old ones lie in the first blocks. */
    private static final String INBOX =
            """
            with gone as (delete from processed_event where event_id in (
                    select event_id from processed_event
                    where processed_at < now() - make_interval(secs => %d) limit %d) returning 1)
            select count(*) from gone""";

    /* Resolved parked records are few (an operator resolves each): one statement, no index needed. */
    private static final String PARKED =
            """
            with gone as (delete from parked_event where id in (
                    select id from parked_event
                    where resolved_at < now() - make_interval(secs => %d) limit %d) returning 1)
            select count(*) from gone""";

    private final Pool pool;
    private final Duration outboxRetention;
    private final Duration inboxRetention;
    private final Duration parkedRetention;
    private final String outbox;
    private final String inbox;
    private final String parked;

    public EventRetention(
            Pool pool,
            @ConfigProperty(name = "gridgov.outbox.retention", defaultValue = "7d")
                    Duration outboxRetention,
            @ConfigProperty(name = "gridgov.inbox.retention", defaultValue = "30d")
                    Duration inboxRetention,
            @ConfigProperty(name = "gridgov.parking.retention", defaultValue = "90d")
                    Duration parkedRetention) {
        this.pool = pool;
        this.outboxRetention = outboxRetention;
        this.inboxRetention = inboxRetention;
        this.parkedRetention = parkedRetention;
        this.outbox = OUTBOX.formatted(PAGE, outboxRetention.toSeconds());
        this.inbox = INBOX.formatted(inboxRetention.toSeconds(), PAGE);
        this.parked = PARKED.formatted(parkedRetention.toSeconds(), PAGE);
    }

    @Scheduled(
            every = "${gridgov.retention.sweep-interval:10m}",
            delayed = "1m",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    Uni<Void> onTick() {
        return sweep().onFailure()
                .recoverWithItem(
                        failure -> {
                            LOG.warnf(
                                    "deleting old outbox rows, processed event ids and resolved parked records failed, the next sweep tries again: %s",
                                    failure.getMessage());
                            return null;
                        })
                .replaceWithVoid();
    }

    /**
     * Deletes every sent outbox row, processed event id and resolved parked record past its
     * retention; answers how many of each.
     */
    public Uni<Swept> sweep() {
        return deleteAll(outbox, 0)
                .chain(
                        outboxRows ->
                                deleteAll(inbox, 0)
                                        .chain(
                                                processedIds ->
                                                        deleteAll(parked, 0)
                                                                .map(
                                                                        parkedRows ->
                                                                                new Swept(
                                                                                        outboxRows,
                                                                                        processedIds,
                                                                                        parkedRows))))
                .invoke(
                        swept -> {
                            if (swept.outboxRows() + swept.processedIds() + swept.parkedRows()
                                    > 0) {
                                LOG.infof(
                                        "deleted %d outbox rows sent before %s ago, %d processed event ids older than %s"
                                                + " and %d parked records resolved before %s ago",
                                        swept.outboxRows(),
                                        outboxRetention,
                                        swept.processedIds(),
                                        inboxRetention,
                                        swept.parkedRows(),
                                        parkedRetention);
                            }
                        });
    }

    /** What one sweep deleted. */
    public record Swept(long outboxRows, long processedIds, long parkedRows) {}

    private Uni<Long> deleteAll(String sql, long deletedSoFar) {
        return pool.query(sql)
                .execute()
                .map(rows -> rows.iterator().next().getLong(0))
                .chain(
                        deleted ->
                                deleted < PAGE
                                        ? Uni.createFrom().item(deletedSoFar + deleted)
                                        : deleteAll(sql, deletedSoFar + deleted));
    }
}
