package cn.gridgov.dispatch.casefile;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;
import static cn.gridgov.dispatch.sql.SqlArrays.timestamps;

import cn.gridgov.contracts.cases.CaseSnapshot;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Keeps the case file up to date from case events. The consumer reads and writes a batch's files
 * over its SQL connection, in its transaction, one statement each way.
 */
@ApplicationScoped
public class CaseFiles implements PanacheRepositoryBase<CaseFile, UUID> {

    private static final String COLUMNS =
            "case_id, number, status, open, category, urgency, grid_code, dedicated_grid_codes, "
                    + "longitude, latitude, subject_type, step, step_started_at, step_warn_at, step_due_at, last_event_at, updated_at, "
                    + "handler_department";

    private static final String SAVE =
            "insert into case_file ("
                    + COLUMNS
                    + ") "
                    + "select * from unnest($1::uuid[], $2::text[], $3::text[], $17::bool[], $4::text[], $5::text[], $6::text[], "
                    + "$7::text[], $8::float8[], $9::float8[], $10::text[], $11::text[], $12::timestamptz[], $13::timestamptz[], "
                    + "$14::timestamptz[], $15::timestamptz[], $16::timestamptz[], $18::text[]) "
                    + "on conflict (case_id) do update set number = excluded.number, status = excluded.status, open = excluded.open, "
                    + "category = excluded.category, urgency = excluded.urgency, grid_code = excluded.grid_code, "
                    + "dedicated_grid_codes = excluded.dedicated_grid_codes, longitude = excluded.longitude, "
                    + "latitude = excluded.latitude, subject_type = excluded.subject_type, step = excluded.step, "
                    + "step_started_at = excluded.step_started_at, step_warn_at = excluded.step_warn_at, "
                    + "step_due_at = excluded.step_due_at, last_event_at = excluded.last_event_at, updated_at = excluded.updated_at, "
                    + "handler_department = excluded.handler_department";

    private final Clock clock;

    public CaseFiles(Clock clock) {
        this.clock = clock;
    }

    /** The files we hold of these cases, in one query. */
    public Uni<Map<UUID, CaseFile>> heldOf(SqlConnection connection, UUID[] caseIds) {
        return connection
                .preparedQuery("select " + COLUMNS + " from case_file where case_id = any($1)")
                .execute(Tuple.of(caseIds))
                .map(
                        rows -> {
                            var held = new HashMap<UUID, CaseFile>();
                            for (Row row : rows) {
                                var file = read(row);
                                held.put(file.caseId, file);
                            }
                            return held;
                        });
    }

    /**
     * Applies a snapshot to the file we hold ({@code file}, new for a case not seen before);
     * answers whether it took it. One case's events arrive in order on one partition, but an event
     * older than what we hold (a replay after a reset, say) must not roll the file back.
     */
    public boolean apply(UUID caseId, CaseSnapshot snapshot, Instant eventTime, CaseFile file) {
        if (file.lastEventAt != null && eventTime != null && eventTime.isBefore(file.lastEventAt)) {
            return false;
        }
        file.caseId = caseId;
        file.apply(snapshot, eventTime, clock.instant());
        return true;
    }

    /** Inserts or updates these files, in one statement. */
    public Uni<Void> saveAll(SqlConnection connection, Collection<CaseFile> files) {
        if (files.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        List<CaseFile> all = List.copyOf(files);
        int n = all.size();
        var ids = new UUID[n];
        String[] number = new String[n],
                status = new String[n],
                category = new String[n],
                urgency = new String[n],
                grid = new String[n],
                dedicated = new String[n],
                subject = new String[n],
                step = new String[n],
                handler = new String[n];
        Double[] longitude = new Double[n], latitude = new Double[n];
        Boolean[] open = new Boolean[n];
        Instant[] started = new Instant[n],
                warn = new Instant[n],
                due = new Instant[n],
                last = new Instant[n],
                updated = new Instant[n];
        for (int i = 0; i < n; i++) {
            var f = all.get(i);
            ids[i] = f.caseId;
            number[i] = f.number;
            status[i] = f.status;
            open[i] = f.open;
            category[i] = f.category;
            urgency[i] = f.urgency;
            grid[i] = f.gridCode;
            dedicated[i] = f.dedicatedGridCodes;
            longitude[i] = f.longitude;
            latitude[i] = f.latitude;
            subject[i] = f.subjectType;
            step[i] = f.step;
            started[i] = f.stepStartedAt;
            warn[i] = f.stepWarnAt;
            due[i] = f.stepDueAt;
            last[i] = f.lastEventAt;
            updated[i] = f.updatedAt;
            handler[i] = f.handlerDepartment;
        }
        return connection
                .preparedQuery(SAVE)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    ids,
                                    number,
                                    status,
                                    category,
                                    urgency,
                                    grid,
                                    dedicated,
                                    longitude,
                                    latitude,
                                    subject,
                                    step,
                                    timestamps(started),
                                    timestamps(warn),
                                    timestamps(due),
                                    timestamps(last),
                                    timestamps(updated),
                                    open,
                                    handler
                                }))
                .replaceWithVoid();
    }

    private static CaseFile read(Row row) {
        var file = new CaseFile();
        file.caseId = row.getUUID("case_id");
        file.number = row.getString("number");
        file.status = row.getString("status");
        file.open = row.getBoolean("open");
        file.category = row.getString("category");
        file.urgency = row.getString("urgency");
        file.gridCode = row.getString("grid_code");
        file.dedicatedGridCodes = row.getString("dedicated_grid_codes");
        file.longitude = row.getDouble("longitude");
        file.latitude = row.getDouble("latitude");
        file.subjectType = row.getString("subject_type");
        file.step = row.getString("step");
        file.stepStartedAt = instant(row, "step_started_at");
        file.stepWarnAt = instant(row, "step_warn_at");
        file.stepDueAt = instant(row, "step_due_at");
        file.lastEventAt = instant(row, "last_event_at");
        file.updatedAt = instant(row, "updated_at");
        file.handlerDepartment = row.getString("handler_department");
        return file;
    }
}
