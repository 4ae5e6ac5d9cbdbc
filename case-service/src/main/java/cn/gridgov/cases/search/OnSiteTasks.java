package cn.gridgov.cases.search;

import cn.gridgov.cases.casefile.Step;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A grid worker's work on site in their grids, most urgent first: the cases waiting to be verified
 * there (信息核实, the VERIFY step's clock runs), the results waiting to be checked there (核查, the
 * CHECK step's), and every open case of those grids. Three searches through {@link CaseSearch},
 * scoped to the grids, so a case of another grid never shows.
 */
@ApplicationScoped
public class OnSiteTasks {

    /** More than a worker walks in a day; the open cases' total is counted beyond it. */
    public static final int LIMIT = 100;

    private final CaseSearch search;
    private final Clock clock;

    public OnSiteTasks(CaseSearch search, Clock clock) {
        this.search = search;
        this.clock = clock;
    }

    /** What waits in these grids, as of now. */
    public record Tasks(
            Set<String> grids,
            List<CaseRow> verify,
            List<CaseRow> check,
            List<CaseRow> open,
            int openTotal,
            boolean openTotalCapped,
            Instant asOf) {}

    public Uni<Tasks> in(Set<String> grids) {
        var scope = ReadScope.grids(grids);
        var asOf = clock.instant();
        return Uni.combine()
                .all()
                .unis(
                        search.page(query(grids, Set.of(Step.VERIFY), false), scope),
                        search.page(query(grids, Set.of(Step.CHECK), false), scope),
                        search.page(query(grids, Set.of(), true), scope))
                .asTuple()
                .map(
                        pages ->
                                new Tasks(
                                        grids,
                                        pages.getItem1().items(),
                                        pages.getItem2().items(),
                                        pages.getItem3().items(),
                                        pages.getItem3().total(),
                                        pages.getItem3().totalCapped(),
                                        asOf));
    }

    /**
     * Open cases of these grids (with these steps' clocks running, when given), soonest due first.
     */
    private static CaseQuery query(Set<String> grids, Set<Step> steps, boolean count) {
        return new CaseQuery(
                Set.of(),
                steps,
                Set.of(),
                Set.copyOf(grids),
                Set.of(),
                Set.of(),
                Set.of(),
                Set.of(),
                null,
                null,
                null,
                null,
                null,
                true,
                CaseQuery.Sort.DUE_AT,
                false,
                null,
                LIMIT,
                count);
    }
}
