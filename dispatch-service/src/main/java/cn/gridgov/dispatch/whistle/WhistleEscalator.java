package cn.gridgov.dispatch.whistle;

import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.Escalated;
import cn.gridgov.dispatch.messaging.OutboxSql;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.scan.PeriodicScan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Escalates departments that did not report on site in time: to the supervisor at the deadline
 * (level 1), to leadership a set time later (level 2). Each step is claimed with FOR UPDATE SKIP
 * LOCKED and recorded under a unique key in the transaction that writes its event, so a re-run, a
 * restart or a second instance escalates nobody twice.
 */
@ApplicationScoped
public class WhistleEscalator {

    private static final Logger LOG = Logger.getLogger(WhistleEscalator.class);
    private static final int BATCH = 200;

    private final Pool pool;
    private final OutboxSql outbox;
    private final OutboxRelay relay;
    private final WhistleConfig config;
    private final Clock clock;
    private PeriodicScan scan;

    public WhistleEscalator(
            Pool pool, OutboxSql outbox, OutboxRelay relay, WhistleConfig config, Clock clock) {
        this.pool = pool;
        this.outbox = outbox;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        scan =
                PeriodicScan.every(
                        vertx, config.scanInterval(), "whistle escalation scan", () -> scan());
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scan != null) {
            scan.stop();
        }
    }

    /** Escalates everything due now; answers how many escalations it made. */
    public Uni<Integer> scan() {
        var now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return pool.withTransaction(
                        connection ->
                                connection
                                        .preparedQuery(
                                                """
                        select s.whistle_id, s.department_code, s.escalation_level, w.case_id, w.report_by, w.kind
                        from whistle_summons s join whistle w on w.id = s.whistle_id
                        where s.next_escalation_at <= $1 and w.state = 'OPEN' and not s.arrived
                        order by s.next_escalation_at
                        limit $2
                        for update of s skip locked""")
                                        .execute(Tuple.of(now, BATCH))
                                        .chain(
                                                rows ->
                                                        Multi.createFrom()
                                                                .iterable(rows)
                                                                .onItem()
                                                                .transformToUniAndConcatenate(
                                                                        row ->
                                                                                escalate(
                                                                                        connection,
                                                                                        row,
                                                                                        now))
                                                                .collect()
                                                                .with(
                                                                        java.util.stream.Collectors
                                                                                .summingInt(
                                                                                        Integer
                                                                                                ::intValue))))
                .invoke(
                        count -> {
                            if (count > 0) {
                                relay.nudge();
                            }
                        });
    }

    private Uni<Integer> escalate(SqlConnection connection, Row row, OffsetDateTime now) {
        UUID whistleId = row.getUUID("whistle_id");
        String department = row.getString("department_code");
        UUID caseId = row.getUUID("case_id");
        OffsetDateTime reportBy = row.getOffsetDateTime("report_by");
        int level = row.getInteger("escalation_level") + 1;
        String to = level == 1 ? "SUPERVISOR" : "LEADERSHIP";
        String reason =
                level == 1
                        ? String.format(
                                Locale.ROOT,
                                "%s did not report on site by %s (%s whistle)",
                                department,
                                reportBy,
                                row.getString("kind"))
                        : String.format(
                                Locale.ROOT,
                                "%s still not on site %d minutes after the deadline of %s",
                                department,
                                config.leadershipAfter().toMinutes(),
                                reportBy);
        OffsetDateTime next = level == 1 ? reportBy.plus(config.leadershipAfter()) : null;
        return connection
                .preparedQuery(
                        """
                        insert into escalation (whistle_id, department_code, level, case_id, escalated_to, reason, at)
                        values ($1, $2, $3, $4, $5, $6, $7) on conflict do nothing""")
                .execute(
                        Tuple.from(
                                new Object[] {
                                    whistleId, department, level, caseId, to, reason, now
                                }))
                .chain(
                        inserted ->
                                connection
                                        .preparedQuery(
                                                """
                                update whistle_summons set escalation_level = $3, next_escalation_at = $4
                                where whistle_id = $1 and department_code = $2""")
                                        .execute(Tuple.of(whistleId, department, level, next))
                                        .chain(
                                                () ->
                                                        inserted.rowCount() == 1
                                                                ? outbox.add(
                                                                                connection,
                                                                                DispatchTypes
                                                                                        .ESCALATED,
                                                                                caseId,
                                                                                new Escalated(
                                                                                        caseId,
                                                                                        whistleId,
                                                                                        department,
                                                                                        level,
                                                                                        to,
                                                                                        reason))
                                                                        .invoke(
                                                                                () ->
                                                                                        LOG.infof(
                                                                                                "escalated to %s: %s",
                                                                                                to,
                                                                                                reason))
                                                                        .replaceWith(1)
                                                                : Uni.createFrom().item(0)));
    }
}
