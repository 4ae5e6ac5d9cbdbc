package cn.gridgov.dispatch.reconcile;

import static cn.gridgov.dispatch.sql.SqlArrays.instant;

import cn.gridgov.kit.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Compares both services' view of every open case: case-service's (the owner of the status, the
 * step and the handler, through its compact list) with dispatch-service's (the case file kept from
 * the snapshots, and the routing decision), and lists every difference.
 *
 * <p>Events in flight: a case that changed on either side within {@link
 * ReconciliationConfig#settle()} (case-service's {@code updatedAt}; here the file's last update or
 * the decision's last change) is not compared but counted as unsettled, because an event about it
 * may still be on its way and a difference then would only be a moment's lag. Comparing event ids
 * or versions was weighed and left: case-service changes a case without an event (notes such as an
 * urge move its {@code updatedAt}), and a decision's event is answered either by a case event or by
 * nothing (a MANUAL route), so no counter on one side says what the other must have seen. A lag
 * becomes a difference as soon as it outlives the settle time, so a lost event or a silently
 * ignored command shows within seconds and stays listed until someone puts it right.
 *
 * <p>The check runs on request ({@code GET /api/v1/reconciliation}) and on a schedule ({@code
 * gridgov.reconciliation.every}), which keeps the gauge {@code gridgov_reconciliation_differences}
 * (and {@code gridgov_reconciliation_unsettled}) current; -1 until a check has succeeded.
 */
@ApplicationScoped
public class Reconciliation {

    private static final Logger LOG = Logger.getLogger(Reconciliation.class);

    /** At most this many unsettled cases are named in a report (all are counted). */
    static final int UNSETTLED_NAMED = 1000;

    /** What differs about one case, field by field; a missing side is a difference of its own. */
    public record Difference(
            UUID caseId, String caseNumber, String field, String caseService, String dispatch) {}

    /**
     * One check: how many cases were compared, how many were unsettled (named up to a limit), every
     * difference.
     */
    public record Report(
            Instant checkedAt,
            int compared,
            int unsettled,
            List<UUID> unsettledCases,
            List<Difference> differences) {}

    /**
     * dispatch-service's view of a case: its file and its decision (null fields where there is
     * none).
     */
    record DispatchView(
            UUID caseId,
            String number,
            String status,
            String step,
            Instant fileUpdatedAt,
            String departmentCode,
            Instant decisionChangedAt) {}

    private final CaseServiceClient caseService;
    private final Pool pool;
    private final Clock clock;
    private final ReconciliationConfig config;
    private final AtomicLong differences = new AtomicLong(-1);
    private final AtomicLong unsettled = new AtomicLong(-1);

    public Reconciliation(
            @RestClient CaseServiceClient caseService,
            Pool pool,
            Clock clock,
            ReconciliationConfig config,
            MeterRegistry metrics) {
        this.caseService = caseService;
        this.pool = pool;
        this.clock = clock;
        this.config = config;
        metrics.gauge("gridgov.reconciliation.differences", differences);
        metrics.gauge("gridgov.reconciliation.unsettled", unsettled);
    }

    /** Both views now, compared. */
    public Uni<Report> check() {
        return openInCaseService(null, new ArrayList<>())
                .onFailure(failure -> !(failure instanceof Problem))
                .transform(
                        failure ->
                                new Problem(
                                        Problem.Kind.UNAVAILABLE,
                                        "CASE_SERVICE_UNAVAILABLE",
                                        null,
                                        "case-service did not answer for its open cases; nothing can be compared now, try again shortly"))
                .chain(
                        owner ->
                                dispatchViews(owner)
                                        .map(
                                                mine ->
                                                        compare(
                                                                owner,
                                                                mine,
                                                                clock.instant(),
                                                                config.settle())))
                .invoke(
                        report -> {
                            differences.set(report.differences().size());
                            unsettled.set(report.unsettled());
                        });
    }

    @Scheduled(
            every = "${gridgov.reconciliation.every:30s}",
            delayed = "10s",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> scheduled() {
        return check().invoke(
                        report -> {
                            if (!report.differences().isEmpty()) {
                                LOG.warnf(
                                        "reconciliation: %d differences between case-service and dispatch-service, first %s",
                                        report.differences().size(), report.differences().get(0));
                            }
                        })
                .onFailure()
                .invoke(failure -> LOG.debugf("reconciliation skipped: %s", failure.getMessage()))
                .onFailure()
                .recoverWithNull()
                .replaceWithVoid();
    }

    private Uni<List<CaseServiceClient.OpenCase>> openInCaseService(
            String after, List<CaseServiceClient.OpenCase> sofar) {
        return caseService
                .page(after, config.pageSize())
                .chain(
                        page -> {
                            sofar.addAll(page.cases() == null ? List.of() : page.cases());
                            return page.next() == null
                                    ? Uni.createFrom().item(sofar)
                                    : openInCaseService(page.next(), sofar);
                        });
    }

    /**
     * Our files of every case open by our view, and of every case case-service lists, in one query.
     */
    private Uni<List<DispatchView>> dispatchViews(List<CaseServiceClient.OpenCase> owner) {
        var ids = owner.stream().map(CaseServiceClient.OpenCase::caseId).toArray(UUID[]::new);
        return pool.preparedQuery(
                        """
                        select f.case_id, f.number, f.status, f.step, f.updated_at, d.department_code,
                               greatest(d.decided_at, d.accepted_at, d.refused_at) as decision_changed_at
                        from case_file f
                        left join routing_decision d on d.case_id = f.case_id
                        where f.open is not false or f.case_id = any($1)""")
                .execute(Tuple.of(ids))
                .map(
                        rows -> {
                            var views = new ArrayList<DispatchView>();
                            for (Row row : rows) {
                                views.add(
                                        new DispatchView(
                                                row.getUUID("case_id"),
                                                row.getString("number"),
                                                row.getString("status"),
                                                row.getString("step"),
                                                instant(row, "updated_at"),
                                                row.getString("department_code"),
                                                instant(row, "decision_changed_at")));
                            }
                            return views;
                        });
    }

    /** The comparison itself: every case either side holds open, settled ones field by field. */
    static Report compare(
            List<CaseServiceClient.OpenCase> owner,
            List<DispatchView> mine,
            Instant now,
            Duration settle) {
        var settledBefore = now.minus(settle);
        Map<UUID, CaseServiceClient.OpenCase> theirs = new LinkedHashMap<>();
        owner.forEach(c -> theirs.put(c.caseId(), c));
        Map<UUID, DispatchView> ours = new HashMap<>();
        mine.forEach(v -> ours.put(v.caseId(), v));
        var all = new java.util.LinkedHashSet<UUID>(theirs.keySet());
        all.addAll(ours.keySet());

        var differences = new ArrayList<Difference>();
        var unsettledCases = new ArrayList<UUID>();
        int unsettled = 0;
        int compared = 0;
        for (var caseId : all) {
            var cs = theirs.get(caseId);
            var dp = ours.get(caseId);
            if (recent(cs == null ? null : cs.updatedAt(), settledBefore)
                    || recent(dp == null ? null : dp.fileUpdatedAt(), settledBefore)
                    || recent(dp == null ? null : dp.decisionChangedAt(), settledBefore)) {
                unsettled++;
                if (unsettledCases.size() < UNSETTLED_NAMED) {
                    unsettledCases.add(caseId);
                }
                continue;
            }
            compared++;
            var number = cs != null ? cs.number() : dp.number();
            if (dp == null) {
                differences.add(new Difference(caseId, number, "CASE_FILE", cs.status(), null));
                continue;
            }
            if (cs == null) {
                // Open by our file, not in case-service's list of open cases: it ended there (or
                // never was).
                differences.add(new Difference(caseId, number, "STATUS", "not open", dp.status()));
                continue;
            }
            if (!Objects.equals(cs.status(), dp.status())) {
                differences.add(new Difference(caseId, number, "STATUS", cs.status(), dp.status()));
            }
            if (!Objects.equals(cs.step(), dp.step())) {
                differences.add(new Difference(caseId, number, "STEP", cs.step(), dp.step()));
            }
            if (!Objects.equals(cs.handlerDepartment(), dp.departmentCode())) {
                differences.add(
                        new Difference(
                                caseId,
                                number,
                                "HANDLER",
                                cs.handlerDepartment(),
                                dp.departmentCode()));
            }
        }
        differences.sort(
                Comparator.comparing(
                                Difference::caseNumber,
                                Comparator.nullsLast(Comparator.naturalOrder()))
                        .thenComparing(Difference::field));
        return new Report(now, compared, unsettled, unsettledCases, differences);
    }

    private static boolean recent(Instant at, Instant settledBefore) {
        return at != null && at.isAfter(settledBefore);
    }
}
