package cn.gridgov.cases.intake;

import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.kit.problem.Problem;
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
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.cases.workflow.ReporterDirectory;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Step 1, 采集上报: turns a report into a case, once. Phones resend on a bad signal, so the
 * sender's report id decides: the same id with the same content answers with the case already
 * made; the same id with other content is refused. Only catalogue items can be reported
 * (信息采集准入), with the photos their standard asks for.
 */
@ApplicationScoped
public class ReportIntake {

    private static final Logger LOG = Logger.getLogger(ReportIntake.class);

    public record Outcome(Case reportedCase, boolean created, List<DuplicateCandidate> possibleDuplicates) {
    }

    private final CaseRepository cases;
    private final GridLocator locator;
    private final Catalogue catalogue;
    private final PhotoStore photos;
    private final DuplicateFinder duplicates;
    private final Timeline timeline;
    private final CaseEvents events;
    private final CaseChanges changes;
    private final ReporterDirectory reporters;
    private final Clock clock;
    private final boolean gridWorkerReportsVerified;

    public ReportIntake(CaseRepository cases, GridLocator locator, Catalogue catalogue, PhotoStore photos,
                        DuplicateFinder duplicates, Timeline timeline, CaseEvents events, CaseChanges changes,
                        ReporterDirectory reporters, Clock clock,
                        @ConfigProperty(name = "gridgov.intake.grid-worker-reports-verified") boolean gridWorkerReportsVerified) {
        this.cases = cases;
        this.locator = locator;
        this.catalogue = catalogue;
        this.photos = photos;
        this.duplicates = duplicates;
        this.timeline = timeline;
        this.events = events;
        this.changes = changes;
        this.reporters = reporters;
        this.clock = clock;
        this.gridWorkerReportsVerified = gridWorkerReportsVerified;
    }

    public Uni<Outcome> receive(Report report) {
        var fingerprint = report.fingerprint();
        return Panache.withSession(() -> cases.findByReportId(report.reportId()))
                .chain(existing -> existing != null
                        ? replay(existing, fingerprint)
                        : admit(report)
                                .chain(category -> locator.locate(report.longitude(), report.latitude())
                                        .chain(lookup -> store(report, category, fingerprint, lookup)))
                                // Two copies of one report raced; the loser answers with the winner's case.
                                .onFailure(ReportIntake::isUniqueViolation).recoverWithUni(failure -> Panache
                                        .withSession(() -> cases.findByReportId(report.reportId()))
                                        .chain(winner -> winner == null
                                                ? Uni.createFrom().failure(failure) // another key: not a race of this report
                                                : replay(winner, fingerprint))));
    }

    private Uni<Outcome> replay(Case existing, String fingerprint) {
        if (!existing.reportFingerprint.equals(fingerprint)) {
            return Uni.createFrom().failure(new Problem(CONFLICT, "REPORT_ID_REUSED", "reportId", "report id "
                    + existing.reportId + " was already used for a different report (case " + existing.number + ")"));
        }
        return Uni.createFrom().item(new Outcome(existing, false, List.of()));
    }

    /** 信息采集准入: the category must be an active catalogue item, and its photo standard met. */
    private Uni<Category> admit(Report report) {
        var category = catalogue.category(report.category())
                .filter(c -> c.isItem() && c.active)
                .orElseThrow(() -> new Problem(UNPROCESSABLE, "UNKNOWN_CATEGORY", "category",
                        "category " + report.category() + " is not an item of the catalogue; see /api/v1/categories"));
        if (category.photoRequired && report.photoIds().isEmpty()) {
            throw new Problem(UNPROCESSABLE, "PHOTO_REQUIRED", "photoIds",
                    "a report of " + category.code + " " + category.name + " needs at least one photo");
        }
        return Panache.withSession(() -> photos.requireAll(report.photoIds())).replaceWith(category);
    }

    private Uni<Outcome> store(Report report, Category category, String fingerprint, GridLookup lookup) {
        if (lookup instanceof GridLookup.Outside outside) {
            return Uni.createFrom().failure(new Problem(UNPROCESSABLE, "OUTSIDE_GRIDS", "longitude", outside.message()));
        }
        var now = clock.instant();
        var actor = new Actor(report.reporterId(), report.source() == ReportSource.GRID_WORKER ? Role.GRID_WORKER : Role.REPORTER, null);
        return changes.inTransaction(() -> cases.nextNumber(now.atZone(catalogue.calendar().zone()).getYear()).chain(number -> {
                    var c = newCase(report, category, fingerprint, number, now);
                    if (lookup instanceof GridLookup.Located located) {
                        c.gridCode = located.gridCode();
                        c.dedicatedGridCodes = String.join(",", located.dedicatedGridCodes());
                    } else {
                        c.locationPending = true;
                    }
                    // Everything is written at commit, in this order: case, reporter, timeline, events.
                    return cases.persist(c)
                            .chain(() -> reporters.add(c, now))
                            .chain(() -> duplicates.near(c.category, c.longitude, c.latitude, c.id))
                            .call(found -> timeline.append(c, "REPORTED", null, actor, report.description(),
                                    report.photoIds(), null, now))
                            .call(found -> events.publish(c, CaseReported.TYPE, actor,
                                    CaseReported.data(c, report.description(), report.photoIds(), found), now))
                            .call(found -> verifiedAtReport(c, actor))
                            .map(found -> new Outcome(c, true, found));
                }))
                .invoke(outcome -> LOG.infof("case %s reported in grid %s (report %s, %s, %d possible duplicates)",
                        outcome.reportedCase().number, outcome.reportedCase().gridCode, report.reportId(),
                        report.source(), outcome.possibleDuplicates().size()));
    }

    /** A grid worker reports from the spot: with this configured, the report counts as verified on site. */
    private Uni<Case> verifiedAtReport(Case c, Actor actor) {
        if (!gridWorkerReportsVerified || c.source != ReportSource.GRID_WORKER) {
            return Uni.createFrom().item(c);
        }
        return changes.transition(c, CaseStatus.VERIFIED, Change.of("VERIFIED", "case.verified"),
                Details.of(actor, "reported by the grid worker on site"));
    }

    private Case newCase(Report report, Category category, String fingerprint, String number, Instant now) {
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
        c.status = CaseStatus.REPORTED;
        var clock = catalogue.clock(c.category, c.urgency, CaseStatus.REPORTED.step(), now);
        c.step = clock.step();
        c.stepStartedAt = now;
        c.stepWarnAt = clock.warnAt();
        c.stepDueAt = clock.dueAt();
        c.timelineHash = "";
        c.reportedAt = now;
        c.updatedAt = now;
        return c;
    }

    private static boolean isUniqueViolation(Throwable failure) {
        for (var cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof PgException pg && "23505".equals(pg.getSqlState())) {
                return true;
            }
        }
        return false;
    }
}
