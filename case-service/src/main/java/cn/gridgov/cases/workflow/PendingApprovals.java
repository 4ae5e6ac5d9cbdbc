package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.workflow.CaseCommands.ApprovalRequests;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The requests for more time or for parking that wait for a supervisor's decision, oldest first,
 * each with the case it concerns. A case has at most one pending request (a unique index), so the
 * list is as long as the cases waiting for a decision.
 */
@ApplicationScoped
public class PendingApprovals {

    /** A pending request and the case it is about, as the case is now. */
    public record Pending(ApprovalRequest request, Case about) {}

    private final ApprovalRequests approvals;
    private final CaseRepository cases;

    PendingApprovals(ApprovalRequests approvals, CaseRepository cases) {
        this.approvals = approvals;
        this.cases = cases;
    }

    public Uni<List<Pending>> oldest(int limit) {
        return Panache.withSession(
                () ->
                        approvals
                                .find("decision is null order by requestedAt, id")
                                .page(0, limit)
                                .list()
                                .chain(
                                        requests ->
                                                requests.isEmpty()
                                                        ? Uni.createFrom().item(List.of())
                                                        : withTheirCases(requests)));
    }

    private Uni<List<Pending>> withTheirCases(List<ApprovalRequest> requests) {
        var ids = requests.stream().map(r -> r.caseId).distinct().toList();
        return cases.list("id in ?1", ids)
                .map(
                        found -> {
                            Map<java.util.UUID, Case> byId =
                                    found.stream()
                                            .collect(
                                                    Collectors.toMap(
                                                            c -> c.id, Function.identity()));
                            return requests.stream()
                                    .map(r -> new Pending(r, byId.get(r.caseId)))
                                    .toList();
                        });
    }
}
