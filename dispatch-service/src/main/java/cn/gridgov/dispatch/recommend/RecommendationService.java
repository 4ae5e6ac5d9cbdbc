package cn.gridgov.dispatch.recommend;

import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The top three people to handle a case: facts from our own records, candidates from grid-service.
 */
@ApplicationScoped
public class RecommendationService {

    static final int CANDIDATES = 20;

    private final CaseFiles cases;
    private final RoutingService.Decisions decisions;
    private final RoutingTables tables;
    private final NearbyStaff staff;
    private final Pool pool;
    private final Clock clock;

    public RecommendationService(
            CaseFiles cases,
            RoutingService.Decisions decisions,
            RoutingTables tables,
            NearbyStaff staff,
            Pool pool,
            Clock clock) {
        this.cases = cases;
        this.decisions = decisions;
        this.tables = tables;
        this.staff = staff;
        this.pool = pool;
        this.clock = clock;
    }

    public Uni<List<HandlerRanking.Recommendation>> recommend(UUID caseId, String role) {
        return Panache.withSession(
                        () ->
                                cases.findById(caseId)
                                        .chain(
                                                file -> {
                                                    if (file == null) {
                                                        throw new Problem(
                                                                NOT_FOUND,
                                                                "CASE_NOT_FOUND",
                                                                "caseId",
                                                                "case "
                                                                        + caseId
                                                                        + " is not known to dispatch");
                                                    }
                                                    if (!file.located()) {
                                                        throw new Problem(
                                                                UNPROCESSABLE,
                                                                "CASE_NOT_LOCATED",
                                                                "caseId",
                                                                "case "
                                                                        + file.number
                                                                        + " has no location, so nobody can be near it");
                                                    }
                                                    return decisions
                                                            .findById(caseId)
                                                            .chain(
                                                                    decision ->
                                                                            tables.current()
                                                                                    .map(
                                                                                            t ->
                                                                                                    new HandlerRanking
                                                                                                            .CaseFacts(
                                                                                                            file.longitude,
                                                                                                            file.latitude,
                                                                                                            t.organisation()
                                                                                                                    .placeOf(
                                                                                                                            file.gridCode,
                                                                                                                            file
                                                                                                                                    .dedicatedGrids()),
                                                                                                            decision
                                                                                                                            == null
                                                                                                                    ? null
                                                                                                                    : decision.mode,
                                                                                                            decision
                                                                                                                            == null
                                                                                                                    ? null
                                                                                                                    : decision.departmentCode,
                                                                                                            decision
                                                                                                                            == null
                                                                                                                    ? List
                                                                                                                            .of()
                                                                                                                    : decision
                                                                                                                            .coHandlerCodes(),
                                                                                                            file.stepDueAt,
                                                                                                            "URGENT"
                                                                                                                    .equals(
                                                                                                                            file.urgency))));
                                                }))
                .chain(
                        facts ->
                                staff.nearest(facts.longitude(), facts.latitude(), role, CANDIDATES)
                                        .chain(
                                                candidates ->
                                                        openCases(candidates)
                                                                .map(
                                                                        open ->
                                                                                HandlerRanking.rank(
                                                                                        facts,
                                                                                        candidates,
                                                                                        open,
                                                                                        clock
                                                                                                .instant()))));
    }

    /** Open cases each candidate has accepted, from our own decisions. */
    private Uni<Map<String, Integer>> openCases(List<Candidate> candidates) {
        var ids = candidates.stream().map(Candidate::staffId).toArray(String[]::new);
        return pool.preparedQuery(
                        """
                        select d.accepted_by, count(*) as open
                        from routing_decision d left join case_file c on c.case_id = d.case_id
                        where d.state = 'ACCEPTED' and d.accepted_by = any($1)
                          -- open as case-service says; a parked case waits for its review day and is no load
                          and coalesce(c.open, true) and c.status is distinct from 'PARKED'
                        group by d.accepted_by""")
                .execute(Tuple.of(ids))
                .map(
                        rows -> {
                            var open = new HashMap<String, Integer>();
                            rows.forEach(
                                    row ->
                                            open.put(
                                                    row.getString("accepted_by"),
                                                    row.getLong("open").intValue()));
                            return open;
                        });
    }
}
