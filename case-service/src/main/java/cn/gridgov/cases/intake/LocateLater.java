package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.grid.GridLocator;
import cn.gridgov.cases.grid.GridLookup;
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.contracts.CaseTypes;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Finds the grid of cases taken while grid-service was out. Each case is located in its own
 * transaction; one that is still unanswerable waits for the next round.
 */
@ApplicationScoped
public class LocateLater {

    private static final Logger LOG = Logger.getLogger(LocateLater.class);
    private static final int BATCH = 100;

    private final CaseRepository cases;
    private final GridLocator locator;
    private final CaseChanges changes;

    public LocateLater(CaseRepository cases, GridLocator locator, CaseChanges changes) {
        this.cases = cases;
        this.locator = locator;
        this.changes = changes;
    }

    @Scheduled(
            every = "${gridgov.intake.locate-later-interval}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class,
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> locatePending() {
        return Panache.withSession(
                        () ->
                                cases.find("locationPending = true order by reportedAt")
                                        .page(0, BATCH)
                                        .list())
                .onItem()
                .transformToMulti(pending -> Multi.createFrom().iterable(pending))
                .onItem()
                .transformToUniAndConcatenate(
                        c ->
                                locator.locate(c.longitude, c.latitude)
                                        .chain(
                                                lookup ->
                                                        lookup instanceof GridLookup.Unavailable
                                                                ? Uni.createFrom().voidItem()
                                                                : changes.inTransaction(
                                                                        () ->
                                                                                cases.findById(c.id)
                                                                                        .chain(
                                                                                                fresh ->
                                                                                                        record(
                                                                                                                fresh,
                                                                                                                lookup)))))
                .collect()
                .last()
                .replaceWithVoid();
    }

    private Uni<Void> record(Case c, GridLookup lookup) {
        if (c == null || !c.locationPending) {
            return Uni.createFrom().voidItem();
        }
        c.locationPending = false;
        if (lookup instanceof GridLookup.Located located) {
            c.gridCode = located.gridCode();
            c.dedicatedGridCodes = String.join(",", located.dedicatedGridCodes());
            LOG.infof("case %s located later in grid %s", c.number, c.gridCode);
            return changes.note(
                            c,
                            Change.of("LOCATED", CaseTypes.LOCATED),
                            Details.of(Actor.SYSTEM, "grid " + c.gridCode))
                    .replaceWithVoid();
        }
        var outside = (GridLookup.Outside) lookup;
        LOG.warnf("case %s lies outside every grid: %s", c.number, outside.message());
        return changes.note(
                        c,
                        Change.of("OUTSIDE_GRIDS", null),
                        Details.of(Actor.SYSTEM, outside.message()))
                .replaceWithVoid();
    }
}
