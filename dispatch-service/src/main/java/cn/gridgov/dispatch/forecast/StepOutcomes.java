package cn.gridgov.dispatch.forecast;

import static cn.gridgov.dispatch.sql.SqlArrays.timestamps;

import cn.gridgov.dispatch.casefile.CaseFile;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The history the finish forecast learns from: each step a case leaves, recorded by the case-event
 * consumer in its batch's transaction (table {@code step_outcome}). A step has ended when a
 * snapshot names another step, or the same step started anew (a rework's HANDLE), or none; an
 * extension moves only its due time, which the outcome keeps as it was at the end.
 */
@ApplicationScoped
public class StepOutcomes {

    /** A step as the file held it before an event; null fields when no step ran. */
    public record Held(
            String step, Instant startedAt, Instant dueAt, String category, String department) {

        public static Held of(CaseFile file) {
            return new Held(
                    file.step,
                    file.stepStartedAt,
                    file.stepDueAt,
                    file.category,
                    file.handlerDepartment);
        }
    }

    /** A step left: when it ended and how it went. */
    public record Outcome(UUID caseId, Held held, Instant endedAt) {}

    private static final String SAVE =
            """
            insert into step_outcome (case_id, step, started_at, category, department, due_at, ended_at, share)
            select id, step, started, category, department, due, ended,
                   extract(epoch from ended - started) / extract(epoch from due - started)
            from unnest($1::uuid[], $2::text[], $3::timestamptz[], $4::text[], $5::text[], $6::timestamptz[], $7::timestamptz[])
                 as o (id, step, started, category, department, due, ended)
            on conflict do nothing""";

    /**
     * The step this event ended, or null: {@code before} as the file held it, {@code after} the
     * file as it is now.
     */
    public Outcome ended(UUID caseId, Held before, CaseFile after, Instant at) {
        if (before.step() == null
                || before.startedAt() == null
                || before.dueAt() == null
                || before.category() == null
                || at == null
                || !before.dueAt().isAfter(before.startedAt())) {
            return null;
        }
        var same =
                before.step().equals(after.step) && before.startedAt().equals(after.stepStartedAt);
        return same ? null : new Outcome(caseId, before, at);
    }

    /** Records these outcomes, in one statement. */
    public Uni<Void> saveAll(SqlConnection connection, List<Outcome> outcomes) {
        if (outcomes.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = outcomes.size();
        var ids = new UUID[n];
        String[] steps = new String[n], categories = new String[n], departments = new String[n];
        Instant[] started = new Instant[n], due = new Instant[n], ended = new Instant[n];
        for (int i = 0; i < n; i++) {
            var o = outcomes.get(i);
            ids[i] = o.caseId();
            steps[i] = o.held().step();
            started[i] = o.held().startedAt();
            categories[i] = o.held().category();
            departments[i] = o.held().department() == null ? "" : o.held().department();
            due[i] = o.held().dueAt();
            ended[i] = o.endedAt();
        }
        return connection
                .preparedQuery(SAVE)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    ids,
                                    steps,
                                    timestamps(started),
                                    categories,
                                    departments,
                                    timestamps(due),
                                    timestamps(ended)
                                }))
                .replaceWithVoid();
    }
}
