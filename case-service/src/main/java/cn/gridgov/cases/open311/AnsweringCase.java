package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The case that answers for a request: the request's own, or, once it was merged (并案), the case it
 * joined (which may itself have been merged). Call within a session.
 */
@ApplicationScoped
class AnsweringCase {

    private static final int MAX_HOPS = 10;

    private final CaseRepository cases;

    AnsweringCase(CaseRepository cases) {
        this.cases = cases;
    }

    Uni<Case> of(Case c) {
        return follow(c, MAX_HOPS);
    }

    private Uni<Case> follow(Case c, int hopsLeft) {
        if (c.status != CaseStatus.MERGED || c.mergedInto == null || hopsLeft == 0) {
            return Uni.createFrom().item(c);
        }
        return cases.findById(c.mergedInto).chain(joined -> follow(joined, hopsLeft - 1));
    }
}
