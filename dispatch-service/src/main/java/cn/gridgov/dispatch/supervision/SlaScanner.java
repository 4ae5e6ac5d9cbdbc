package cn.gridgov.dispatch.supervision;

import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.scan.PeriodicScan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Fires the SLA timers that are due: YELLOW (urge, 催办) at the warn time, RED (supervise, 督办) at the
 * due time and again, one level higher, every {@link SlaConfig#redEvery()} after it.
 *
 * <p>One SQL statement per batch claims due timers with FOR UPDATE SKIP LOCKED, records each firing
 * under the unique key (case, step, round, color, level), writes a dispatch.sla-warning ({@code
 * DispatchTypes.SLA_WARNING}: the type, its dataschema and the fields of its record) outbox row for
 * each firing it recorded, and moves the timers on, all in one transaction: a crash, a re-run or a
 * second instance cannot fire anything twice, and nothing that was recorded goes unannounced. Doing
 * it in the database keeps 100,000 timers a matter of a few statements.
 */
@ApplicationScoped
public class SlaScanner {

    private static final Logger LOG = Logger.getLogger(SlaScanner.class);

    private static final String ISO = "'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"'";

    private static final String SCAN =
            """
            with due as materialized (
                select case_id, step, round, warn_at, due_at, yellow_fired, red_level
                from sla_timer
                where open and next_fire_at <= $1::timestamptz
                order by next_fire_at
                limit $2::int
                for update skip locked
            ),
            firing as (
                select case_id, step, round, 'YELLOW'::text as color, 0 as level, warn_at as due
                from due
                where not yellow_fired and warn_at is not null and warn_at < due_at and warn_at <= $1::timestamptz
                union all
                select d.case_id, d.step, d.round, 'RED', l, d.due_at + (l - 1) * make_interval(secs => $3::float8)
                from due d cross join lateral generate_series(d.red_level + 1, $4::int) l
                where d.due_at + (l - 1) * make_interval(secs => $3::float8) <= $1::timestamptz
            ),
            recorded as (
                insert into sla_firing (case_id, step, round, color, level, due_at, fired_at)
                select case_id, step, round, color, level, due, $1::timestamptz from firing
                on conflict do nothing
                returning case_id, step, color, level, due_at
            ),
            announced as materialized (
                select gen_random_uuid() as event_id, r.* from recorded r
            ),
            outboxed as (
                insert into outbox_event (event_id, topic, message_key, type, payload, created_at)
                select event_id, $5::text, case_id::text, $7::text,
                       json_build_object('specversion', '1.0', 'id', event_id, 'source', $6::text,
                           'type', $7::text, 'subject', case_id,
                           'time', to_char($1::timestamptz at time zone 'UTC', ISO),
                           'datacontenttype', 'application/json', 'dataschema', $8::text,
                           'data', json_build_object('caseId', case_id, 'step', step, 'color', color,
                               'action', case when color = 'YELLOW' then 'URGE' else 'SUPERVISE' end,
                               'escalationLevel', level,
                               'dueAt', to_char(due_at at time zone 'UTC', ISO),
                               'at', to_char($1::timestamptz at time zone 'UTC', ISO)))::text,
                       $1::timestamptz
                from announced
                returning 1
            ),
            advanced as (
                update sla_timer t
                set yellow_fired = n.yellow,
                    red_level = n.red,
                    next_fire_at = case when not n.yellow then t.warn_at
                                        when n.red < $4::int then t.due_at + n.red * make_interval(secs => $3::float8)
                                        end
                from (select d.case_id,
                             d.yellow_fired or d.warn_at is null or d.warn_at >= d.due_at
                                 or d.warn_at <= $1::timestamptz as yellow,
                             greatest(d.red_level, case when d.due_at <= $1::timestamptz
                                 then least($4::int, floor(extract(epoch from ($1::timestamptz - d.due_at))
                                     / $3::float8)::int + 1) else 0 end) as red
                      from due d) n
                where t.case_id = n.case_id
                returning 1
            )
            select (select count(*) from outboxed) as fired, (select count(*) from advanced) as claimed
            """
                    .replace("ISO", ISO);

    /** What one pass did. */
    public record Pass(long fired, long claimed) {}

    private final Pool pool;
    private final OutboxRelay relay;
    private final SlaConfig config;
    private final Clock clock;
    private PeriodicScan scan;

    private final String topic;

    /**
     * The CloudEvents source, as the kit's {@code Outbox} sets it: /gridgov/ and the application's
     * name.
     */
    private final String source;

    public SlaScanner(
            Pool pool,
            OutboxRelay relay,
            SlaConfig config,
            Clock clock,
            @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG) String topic,
            @ConfigProperty(name = "quarkus.application.name") String application) {
        this.pool = pool;
        this.topic = topic;
        this.source = "/gridgov/" + application;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        scan = PeriodicScan.every(vertx, config.scanInterval(), "SLA scan", () -> scanAll());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scan != null) {
            scan.stop();
        }
    }

    /** Passes until nothing due is left; answers how many firings it made. */
    public Uni<Long> scanAll() {
        return scanOnce()
                .chain(
                        pass ->
                                pass.claimed() >= config.batch()
                                        ? scanAll().map(more -> more + pass.fired())
                                        : Uni.createFrom().item(pass.fired()));
    }

    public Uni<Pass> scanOnce() {
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return pool.withTransaction(
                        connection ->
                                connection
                                        .preparedQuery(SCAN)
                                        .execute(
                                                Tuple.from(
                                                        new Object[] {
                                                            now,
                                                            config.batch(),
                                                            (double) config.redEvery().toSeconds(),
                                                            config.maxLevel(),
                                                            topic,
                                                            source,
                                                            DispatchTypes.SLA_WARNING.name(),
                                                            DispatchTypes.SLA_WARNING.dataschema()
                                                        })))
                .map(
                        rows -> {
                            var row = rows.iterator().next();
                            return new Pass(row.getLong("fired"), row.getLong("claimed"));
                        })
                .invoke(
                        pass -> {
                            if (pass.fired() > 0) {
                                LOG.debugf("SLA scan fired %d warnings", pass.fired());
                                relay.nudge();
                            }
                        });
    }
}
