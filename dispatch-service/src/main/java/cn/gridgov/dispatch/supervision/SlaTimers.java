package cn.gridgov.dispatch.supervision;

import cn.gridgov.dispatch.casefile.CaseFile;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/** Follows the case's current step: replaces the timer when the step or its deadline moves, stops it when the case ends. */
@ApplicationScoped
public class SlaTimers implements PanacheRepositoryBase<SlaTimer, UUID> {

    /** Runs in the consumer's transaction, after the case file took the event; {@code timer} is the one held, or null. */
    public Uni<SlaTimer> follow(CaseFile file, SlaTimer timer) {
        boolean running = !file.ended() && file.step != null && file.stepDueAt != null;
        if (!running) {
            if (timer != null) {
                timer.stop();
            }
            return Uni.createFrom().item(timer);
        }
        if (timer == null) {
            var fresh = new SlaTimer();
            fresh.caseId = file.caseId;
            fresh.round = 0;
            fresh.restart(file.step, file.stepWarnAt, file.stepDueAt);
            return persist(fresh);
        }
        if (!timer.sameAs(file.step, file.stepWarnAt, file.stepDueAt)) {
            timer.round++;
            timer.restart(file.step, file.stepWarnAt, file.stepDueAt);
        }
        return Uni.createFrom().item(timer);
    }
}
