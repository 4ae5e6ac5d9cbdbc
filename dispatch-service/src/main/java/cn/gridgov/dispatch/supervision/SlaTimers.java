package cn.gridgov.dispatch.supervision;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;
import static cn.gridgov.dispatch.sql.SqlArrays.timestamps;

import cn.gridgov.dispatch.casefile.CaseFile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Follows the case's current step: replaces the timer when the step or its deadline moves, stops it
 * when the case ends. The consumer reads and writes a batch's timers over its SQL connection, in
 * its transaction, one statement each way; only timers that changed are written, so a firing the
 * SLA scan recorded meanwhile on an unchanged timer is not overwritten.
 */
@ApplicationScoped
public class SlaTimers implements PanacheRepositoryBase<SlaTimer, UUID> {

    private static final String COLUMNS =
            "case_id, step, round, warn_at, due_at, yellow_fired, red_level, next_fire_at, open";

    private static final String SAVE =
            "insert into sla_timer ("
                    + COLUMNS
                    + ") "
                    + "select * from unnest($1::uuid[], $2::text[], $3::int4[], $4::timestamptz[], $5::timestamptz[], "
                    + "$6::bool[], $7::int4[], $8::timestamptz[], $9::bool[]) "
                    + "on conflict (case_id) do update set step = excluded.step, round = excluded.round, "
                    + "warn_at = excluded.warn_at, due_at = excluded.due_at, yellow_fired = excluded.yellow_fired, "
                    + "red_level = excluded.red_level, next_fire_at = excluded.next_fire_at, open = excluded.open";

    /** The timers of these cases, in one query. */
    public Uni<Map<UUID, SlaTimer>> heldOf(SqlConnection connection, UUID[] caseIds) {
        return connection
                .preparedQuery("select " + COLUMNS + " from sla_timer where case_id = any($1)")
                .execute(Tuple.of(caseIds))
                .map(
                        rows -> {
                            var held = new HashMap<UUID, SlaTimer>();
                            for (Row row : rows) {
                                var timer = read(row);
                                held.put(timer.caseId, timer);
                            }
                            return held;
                        });
    }

    /**
     * The timer after the case file took an event: {@code timer} is the one held, or null. Answers
     * the timer to write (new, replaced or stopped), or null when nothing changed.
     */
    public SlaTimer follow(CaseFile file, SlaTimer timer) {
        boolean running = !file.ended() && file.step != null && file.stepDueAt != null;
        if (!running) {
            if (timer == null || (!timer.open && timer.nextFireAt == null)) {
                return null;
            }
            timer.stop();
            return timer;
        }
        if (timer == null) {
            var fresh = new SlaTimer();
            fresh.caseId = file.caseId;
            fresh.round = 0;
            fresh.restart(file.step, file.stepWarnAt, file.stepDueAt);
            return fresh;
        }
        if (timer.sameAs(file.step, file.stepWarnAt, file.stepDueAt)) {
            return null;
        }
        timer.round++;
        timer.restart(file.step, file.stepWarnAt, file.stepDueAt);
        return timer;
    }

    /** Inserts or updates these timers, in one statement. */
    public Uni<Void> saveAll(SqlConnection connection, Collection<SlaTimer> timers) {
        if (timers.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<SlaTimer> all = List.copyOf(timers);
        int n = all.size();
        var ids = new UUID[n];
        var steps = new String[n];
        var rounds = new Integer[n];
        Instant[] warn = new Instant[n], due = new Instant[n], next = new Instant[n];
        var yellow = new Boolean[n];
        var red = new Integer[n];
        var open = new Boolean[n];
        for (int i = 0; i < n; i++) {
            var t = all.get(i);
            ids[i] = t.caseId;
            steps[i] = t.step;
            rounds[i] = t.round;
            warn[i] = t.warnAt;
            due[i] = t.dueAt;
            yellow[i] = t.yellowFired;
            red[i] = t.redLevel;
            next[i] = t.nextFireAt;
            open[i] = t.open;
        }
        return connection
                .preparedQuery(SAVE)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    ids,
                                    steps,
                                    rounds,
                                    timestamps(warn),
                                    timestamps(due),
                                    yellow,
                                    red,
                                    timestamps(next),
                                    open
                                }))
                .replaceWithVoid();
    }

    private static SlaTimer read(Row row) {
        var timer = new SlaTimer();
        timer.caseId = row.getUUID("case_id");
        timer.step = row.getString("step");
        timer.round = row.getInteger("round");
        timer.warnAt = instant(row, "warn_at");
        timer.dueAt = instant(row, "due_at");
        timer.yellowFired = row.getBoolean("yellow_fired");
        timer.redLevel = row.getInteger("red_level");
        timer.nextFireAt = instant(row, "next_fire_at");
        timer.open = row.getBoolean("open");
        return timer;
    }
}
