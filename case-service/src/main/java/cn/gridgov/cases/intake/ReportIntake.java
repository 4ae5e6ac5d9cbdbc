package cn.gridgov.cases.intake;

import static cn.gridgov.cases.casefile.CaseProblem.Kind.CONFLICT;
import static cn.gridgov.cases.casefile.CaseProblem.Kind.UNPROCESSABLE;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseProblem;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.grid.GridLocator;
import cn.gridgov.cases.grid.GridLookup;
import cn.gridgov.cases.messaging.CloudEvent;
import cn.gridgov.cases.messaging.Outbox;
import cn.gridgov.cases.messaging.OutboxRelay;
import cn.gridgov.cases.messaging.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Step 1, 采集上报: turns a report into a case, once. Phones resend on a bad signal, so the
 * sender's report id decides: the same id with the same content answers with the case already
 * made; the same id with other content is refused.
 */
@ApplicationScoped
public class ReportIntake {

    private static final Logger LOG = Logger.getLogger(ReportIntake.class);
    /** Case numbers follow the local year. */
    private static final ZoneId LOCAL = ZoneId.of("Asia/Shanghai");

    public record Outcome(Case reportedCase, boolean created) {
    }

    private final CaseRepository cases;
    private final GridLocator locator;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Clock clock;

    public ReportIntake(CaseRepository cases, GridLocator locator, Outbox outbox, OutboxRelay relay,
                        ObjectMapper json, Clock clock) {
        this.cases = cases;
        this.locator = locator;
        this.outbox = outbox;
        this.relay = relay;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Outcome> receive(Report report) {
        var fingerprint = report.fingerprint();
        return Panache.withSession(() -> cases.findByReportId(report.reportId()))
                .chain(existing -> existing != null
                        ? Uni.createFrom().item(replay(existing, fingerprint))
                        : locator.locate(report.longitude(), report.latitude())
                                .chain(lookup -> store(report, fingerprint, lookup))
                                // Two copies of one report raced; the loser answers with the winner's case.
                                .onFailure(ReportIntake::isUniqueViolation).recoverWithUni(() -> Panache
                                        .withSession(() -> cases.findByReportId(report.reportId()))
                                        .map(winner -> replay(winner, fingerprint))));
    }

    private static Outcome replay(Case existing, String fingerprint) {
        if (!existing.reportFingerprint.equals(fingerprint)) {
            throw new CaseProblem(CONFLICT, "REPORT_ID_REUSED", "reportId", "report id " + existing.reportId
                    + " was already used for a different report (case " + existing.number + ")");
        }
        return new Outcome(existing, false);
    }

    private Uni<Outcome> store(Report report, String fingerprint, GridLookup lookup) {
        if (lookup instanceof GridLookup.Outside outside) {
            return Uni.createFrom().failure(new CaseProblem(UNPROCESSABLE, "OUTSIDE_GRIDS", "longitude", outside.message()));
        }
        var now = clock.instant();
        return Panache.withTransaction(() -> cases.nextNumber(now.atZone(LOCAL).getYear()).chain(number -> {
                    var c = newCase(report, fingerprint, number, now);
                    if (lookup instanceof GridLookup.Located located) {
                        c.gridCode = located.gridCode();
                    }
                    var event = CloudEvent.of(CaseReported.TYPE, c.id, now, json.valueToTree(CaseReported.of(c)));
                    return cases.persist(c).chain(() -> outbox.add(Topics.CASE_EVENTS, event)).replaceWith(c);
                }))
                .invoke(c -> LOG.infof("case %s reported in grid %s (report %s, %s)", c.number, c.gridCode,
                        c.reportId, c.source))
                .invoke(() -> relay.nudge())
                .map(c -> new Outcome(c, true));
    }

    private static Case newCase(Report report, String fingerprint, String number, Instant now) {
        var c = new Case();
        c.id = UUID.randomUUID();
        c.number = number;
        c.reportId = report.reportId();
        c.reportFingerprint = fingerprint;
        c.source = report.source();
        c.reporterId = report.reporterId();
        c.category = report.category();
        c.description = report.description();
        c.longitude = report.longitude();
        c.latitude = report.latitude();
        c.status = CaseStatus.REPORTED;
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
