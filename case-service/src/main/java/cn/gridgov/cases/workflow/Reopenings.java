package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.CaseStatus.ACCEPTED;
import static cn.gridgov.cases.casefile.CaseStatus.MERGED;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.hotspot.RepeatReportConfig;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.CaseRecurred;
import cn.gridgov.contracts.cases.CaseReopened;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.parking.UnusableEvent;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * A closed case whose problem is reported again at its place (a {@code case.recurred}) goes back
 * into the loop when its category is configured to ({@code gridgov.repeat-reports.reopen}): the fix
 * did not hold, so the case is registered again (CLOSED or EVALUATED to ACCEPTED, announced as
 * {@code case.reopened}, which dispatch-service routes anew), its rework count goes up (返工, counted
 * against the handler under which it was closed), and the new report is merged into it (并案), so one
 * case answers for the problem and the new reporter follows it.
 *
 * <p>Runs in the consumer's transaction, once per event. Nothing happens when the new report is
 * already past verification (someone accepted it as a case of its own meanwhile: two cases for one
 * problem would be worse than a link) or the closed case is open again; the link stays either way.
 */
@ApplicationScoped
public class Reopenings {

    private static final Logger LOG = Logger.getLogger(Reopenings.class);

    private final CaseRepository cases;
    private final CaseChanges changes;
    private final CaseCommands commands;
    private final RepeatReportConfig config;
    private final ObjectMapper json;

    public Reopenings(
            CaseRepository cases,
            CaseChanges changes,
            CaseCommands commands,
            RepeatReportConfig config,
            ObjectMapper json) {
        this.cases = cases;
        this.changes = changes;
        this.commands = commands;
        this.config = config;
        this.json = json;
    }

    public Uni<Void> apply(CloudEvent event) {
        CaseRecurred recurred;
        try {
            recurred = event.dataAs(CaseTypes.RECURRED, json);
        } catch (Exception unreadable) {
            throw new UnusableEvent(
                    "case.recurred " + event.id() + " has data that is not its record", unreadable);
        }
        if (!config.reopens(recurred.category())) {
            return Uni.createFrom().voidItem();
        }
        return cases.findById(recurred.caseId())
                .chain(
                        closed ->
                                cases.findById(recurred.recurrenceCaseId())
                                        .chain(again -> reopen(closed, again)))
                .replaceWithVoid();
    }

    private Uni<Case> reopen(Case closed, Case again) {
        if (closed == null || again == null) {
            return Uni.createFrom().nullItem(); // another installation's cases
        }
        if (!closed.status.canMoveTo(ACCEPTED) || !again.status.canMoveTo(MERGED)) {
            LOG.infof(
                    "case %s (%s) reported again as %s (%s): linked, not reopened",
                    closed.number, closed.status, again.number, again.status);
            return Uni.createFrom().item(closed);
        }
        closed.closedAt = null;
        closed.reworkCount++;
        int reworkCount = closed.reworkCount;
        var details =
                Details.of(
                        Actor.SYSTEM,
                        "reported again at its place as case "
                                + again.number
                                + ", "
                                + "within "
                                + config.recurrenceWithin().toDays()
                                + " days of closing: reopened");
        return changes.transition(
                        closed,
                        ACCEPTED,
                        Change.of(
                                        "REOPENED",
                                        CaseTypes.REOPENED,
                                        s ->
                                                new CaseReopened(
                                                        s, again.id, again.number, reworkCount))
                                .tellingReporters("您反映的问题再次被报告，案件 " + closed.number + " 已重新受理办理"),
                        details)
                .chain(reopened -> commands.mergeInto(again, reopened, details))
                .replaceWith(closed);
    }
}
