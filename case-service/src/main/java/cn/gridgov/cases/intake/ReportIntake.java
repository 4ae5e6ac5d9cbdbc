package cn.gridgov.cases.intake;

import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.catalogue.Category;
import cn.gridgov.cases.grid.GridLocator;
import cn.gridgov.cases.grid.GridLookup;
import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.CaseReported;
import cn.gridgov.kit.batch.Batcher;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Step 1, 采集上报: turns a report into a case, once. Phones resend on a bad signal, so the sender's
 * report id decides: the same id with the same content answers with the case already made; the same
 * id with other content is refused. Only catalogue items can be reported (信息采集准入), with the photos
 * their standard asks for.
 */
@ApplicationScoped
public class ReportIntake {

    private static final Logger LOG = Logger.getLogger(ReportIntake.class);

    public record Outcome(
            Case reportedCase, boolean created, List<DuplicateCandidate> possibleDuplicates) {}

    private final IntakeStore store;
    private final CaseRepository cases;
    private final GridLocator locator;
    private final Catalogue catalogue;
    private final PhotoStore photos;
    private final Timeline timeline;
    private final CaseEvents events;
    private final CaseChanges changes;
    private final OutboxRelay relay;
    private final Clock clock;
    private final boolean gridWorkerReportsVerified;
    private final Batcher<Admitted, Stored> writer;
    private final Counter reported;
    private final DistributionSummary batchSizes;

    public ReportIntake(
            IntakeStore store,
            CaseRepository cases,
            GridLocator locator,
            Catalogue catalogue,
            PhotoStore photos,
            Timeline timeline,
            CaseEvents events,
            CaseChanges changes,
            OutboxRelay relay,
            Clock clock,
            MeterRegistry metrics,
            @ConfigProperty(name = "gridgov.intake.grid-worker-reports-verified")
                    boolean gridWorkerReportsVerified,
            @ConfigProperty(name = "gridgov.intake.batch.max-size") int maxBatch,
            @ConfigProperty(name = "gridgov.intake.batch.max-in-flight") int maxInFlight) {
        this.store = store;
        this.cases = cases;
        this.locator = locator;
        this.catalogue = catalogue;
        this.photos = photos;
        this.timeline = timeline;
        this.events = events;
        this.changes = changes;
        this.relay = relay;
        this.clock = clock;
        this.gridWorkerReportsVerified = gridWorkerReportsVerified;
        this.writer = new Batcher<>(maxBatch, maxInFlight, this::write);
        this.reported = metrics.counter("gridgov.intake.cases.reported");
        this.batchSizes = metrics.summary("gridgov.intake.batch.size");
    }

    public Uni<Outcome> receive(Report report) {
        var fingerprint = report.fingerprint();
        return Uni.createFrom()
                .deferred(() -> admit(report))
                .chain(
                        category ->
                                locator.locate(report.longitude(), report.latitude())
                                        .chain(
                                                lookup ->
                                                        store(
                                                                report,
                                                                category,
                                                                fingerprint,
                                                                lookup)))
                // A report already received is answered with its case, even if it would not be
                // admitted
                // now (its category retired, its grids redrawn since).
                .onFailure(Problem.class)
                .recoverWithUni(refused -> known(report, fingerprint, refused));
    }

    /** The case a known report id made; fails with {@code otherwise} when the id is not known. */
    private Uni<Outcome> known(Report report, String fingerprint, Throwable otherwise) {
        return Panache.withSession(() -> cases.findByReportId(report.reportId()))
                .chain(
                        existing ->
                                existing == null
                                        ? Uni.createFrom().failure(otherwise)
                                        : replay(existing, fingerprint));
    }

    private Uni<Outcome> replay(Case existing, String fingerprint) {
        if (!existing.reportFingerprint.equals(fingerprint)) {
            return Uni.createFrom()
                    .failure(
                            new Problem(
                                    CONFLICT,
                                    "REPORT_ID_REUSED",
                                    "reportId",
                                    "report id "
                                            + existing.reportId
                                            + " was already used for a different report (case "
                                            + existing.number
                                            + ")"));
        }
        return Uni.createFrom().item(new Outcome(existing, false, List.of()));
    }

    /** 信息采集准入: the category must be an active catalogue item, and its photo standard met. */
    private Uni<Category> admit(Report report) {
        var category =
                catalogue
                        .category(report.category())
                        .filter(c -> c.isItem() && c.active)
                        .orElseThrow(
                                () ->
                                        new Problem(
                                                UNPROCESSABLE,
                                                "UNKNOWN_CATEGORY",
                                                "category",
                                                "category "
                                                        + report.category()
                                                        + " is not an item of the catalogue; see /api/v1/categories"));
        if (category.photoRequired && report.photoIds().isEmpty()) {
            throw new Problem(
                    UNPROCESSABLE,
                    "PHOTO_REQUIRED",
                    "photoIds",
                    "a report of "
                            + category.code
                            + " "
                            + category.name
                            + " needs at least one photo");
        }
        if (report.photoIds().isEmpty()) {
            return Uni.createFrom().item(category);
        }
        return Panache.withSession(() -> photos.requireAll(report.photoIds()))
                .replaceWith(category);
    }

    private Uni<Outcome> store(
            Report report, Category category, String fingerprint, GridLookup lookup) {
        if (lookup instanceof GridLookup.Outside outside) {
            return Uni.createFrom()
                    .failure(
                            new Problem(
                                    UNPROCESSABLE,
                                    "OUTSIDE_GRIDS",
                                    "longitude",
                                    outside.message()));
        }
        return writer.submit(new Admitted(report, category, fingerprint, lookup))
                .chain(
                        stored -> {
                            if (stored.failure() != null) {
                                return Uni.createFrom().failure(stored.failure());
                            }
                            if (stored.created() == null) {
                                // Known already, or another copy of the report got there first:
                                // answer with that case.
                                return known(
                                        report,
                                        fingerprint,
                                        new IllegalStateException(
                                                "report "
                                                        + report.reportId()
                                                        + " is known but its case is not"));
                            }
                            return Uni.createFrom().item(stored.created());
                        });
    }

    /** A report that passed admission and was located, waiting to be written. */
    private record Admitted(
            Report report, Category category, String fingerprint, GridLookup lookup) {}

    /**
     * What writing one report of a batch came to: its new case, nothing (its id is known), or its
     * own failure.
     */
    private record Stored(Outcome created, Throwable failure) {
        static final Stored KNOWN = new Stored(null, null);

        static Stored failed(Throwable failure) {
            return new Stored(null, failure);
        }
    }

    /** A new case of a batch, at its report's place in the batch. */
    private record Pending(int index, IntakeStore.NewCase newCase, Outcome outcome) {}

    /**
     * Writes a batch of admitted reports in two round trips, whatever its size: one read (known
     * ids, case numbers, duplicate candidates) and one write (every new case whole, in one commit).
     * A report that cannot be written fails alone: if the batch's write fails, its cases are
     * written again one by one, so one bad report never costs the others theirs.
     */
    private Uni<List<Stored>> write(List<Admitted> batch) {
        batchSizes.record(batch.size());
        var now = clock.instant();
        int year = now.atZone(catalogue.calendar().zone()).getYear();
        var queries =
                batch.stream()
                        .map(
                                admitted ->
                                        new IntakeStore.Query(
                                                admitted.report().reportId(),
                                                admitted.category().code,
                                                admitted.report().longitude(),
                                                admitted.report().latitude(),
                                                year))
                        .toList();
        return store.prepare(queries)
                .chain(
                        prepared -> {
                            var stored = new Stored[batch.size()];
                            var pending = new ArrayList<Pending>(batch.size());
                            for (int i = 0; i < batch.size(); i++) {
                                if (prepared.get(i).known()) {
                                    stored[i] = Stored.KNOWN;
                                    continue;
                                }
                                try {
                                    var newCase = newCase(batch.get(i), prepared.get(i), now);
                                    pending.add(
                                            new Pending(
                                                    i,
                                                    newCase,
                                                    new Outcome(
                                                            newCase.reported(),
                                                            true,
                                                            prepared.get(i).duplicates())));
                                } catch (RuntimeException failure) {
                                    stored[i] = Stored.failed(failure);
                                }
                            }
                            return insert(pending, stored).map(ignored -> List.of(stored));
                        });
    }

    private Uni<Void> insert(List<Pending> pending, Stored[] stored) {
        if (pending.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var together =
                store.insert(pending.stream().map(Pending::newCase).toList())
                        .invoke(written -> recordWritten(written, pending, stored))
                        .replaceWithVoid();
        if (pending.size() == 1) {
            return together.onFailure()
                    .invoke(failure -> stored[pending.get(0).index()] = Stored.failed(failure))
                    .onFailure()
                    .recoverWithNull();
        }
        return together.onFailure()
                .recoverWithUni(
                        failure -> {
                            LOG.warnf(
                                    "writing %d reports together failed, writing them one by one: %s",
                                    pending.size(), failure.getMessage());
                            return Uni.join()
                                    .all(
                                            pending.stream()
                                                    .map(one -> insert(List.of(one), stored))
                                                    .toList())
                                    .andCollectFailures()
                                    .replaceWithVoid();
                        });
    }

    private void recordWritten(
            IntakeStore.Written written, List<Pending> pending, Stored[] stored) {
        relay.publishCommitted(written.outbox());
        for (var one : pending) {
            var c = one.outcome().reportedCase();
            if (!written.caseIds().contains(c.id)) {
                stored[one.index()] = Stored.KNOWN; // two copies of one report raced; this one lost
                continue;
            }
            stored[one.index()] = new Stored(one.outcome(), null);
            LOG.debugf(
                    "case %s reported in grid %s (report %s, %s, %d possible duplicates)",
                    c.number,
                    c.gridCode,
                    c.reportId,
                    c.source,
                    one.outcome().possibleDuplicates().size());
        }
        reported.increment(written.caseIds().size());
    }

    /** The case a report becomes, with its first timeline entries and events. */
    private IntakeStore.NewCase newCase(
            Admitted admitted, IntakeStore.Prepared prepared, Instant now) {
        var report = admitted.report();
        var c =
                newCase(
                        report,
                        admitted.category(),
                        admitted.fingerprint(),
                        prepared.number(),
                        now);
        if (admitted.lookup() instanceof GridLookup.Located located) {
            c.gridCode = located.gridCode();
            c.dedicatedGridCodes = String.join(",", located.dedicatedGridCodes());
        } else {
            c.locationPending = true;
        }
        var actor = report.reporter();
        var entries = new ArrayList<TimelineEntry>(2);
        var caseEvents = new ArrayList<CloudEvent>(2);
        entries.add(
                timeline.next(
                        c,
                        "REPORTED",
                        null,
                        actor,
                        report.description(),
                        report.photoIds(),
                        null,
                        now));
        caseEvents.add(
                events.event(
                        c,
                        Change.of(
                                "REPORTED",
                                CaseTypes.REPORTED,
                                snapshot ->
                                        new CaseReported(
                                                snapshot,
                                                c.reportId,
                                                report.description(),
                                                c.reportedAt,
                                                report.photoIds(),
                                                prepared.duplicates().stream()
                                                        .map(DuplicateCandidate::caseId)
                                                        .toList())),
                        actor,
                        now));
        if (gridWorkerReportsVerified
                && c.source == ReportSource.GRID_WORKER
                && actor.role() == Role.GRID_WORKER) {
            // A grid worker reports from the spot: the report counts as verified on site.
            var verified =
                    changes.move(
                            c,
                            CaseStatus.VERIFIED,
                            Change.of("VERIFIED", CaseTypes.VERIFIED),
                            Details.of(actor, "reported by the grid worker on site"));
            entries.add(verified.entry());
            caseEvents.add(verified.event());
        }
        return new IntakeStore.NewCase(c, entries, caseEvents);
    }

    private Case newCase(
            Report report, Category category, String fingerprint, String number, Instant now) {
        var c = new Case();
        c.id = UUID.randomUUID();
        c.number = number;
        c.reportId = report.reportId();
        c.reportFingerprint = fingerprint;
        c.source = report.source();
        c.reporterId = report.reporterId();
        c.category = category.code;
        c.description = report.description();
        c.longitude = report.longitude();
        c.latitude = report.latitude();
        c.address = report.address();
        c.urgency = category.defaultUrgency;
        c.start(
                CaseStatus.REPORTED,
                catalogue.clock(c.category, c.urgency, CaseStatus.REPORTED.step(), now));
        c.timelineHash = "";
        c.reportedAt = now;
        c.updatedAt = now;
        return c;
    }
}
