package cn.gridgov.cases.rest;

import cn.gridgov.cases.workflow.ApprovalRequest;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.cases.workflow.PendingApprovals;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The supervisor's desk (step 5, 跟踪督办): the requests for more time (延时) and for parking (挂账) that
 * wait for a decision, oldest first; each is decided by {@code POST
 * /api/v1/cases/{ref}/approval-requests/{requestId}/decision}.
 */
@Authenticated
@Path("/api/v1/approval-requests")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SUPERVISE)
public class ApprovalRequestResource {

    /** More than a district's supervisors decide in a day; the oldest come first. */
    static final int SHOWN = 200;

    private final PendingApprovals pending;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public ApprovalRequestResource(
            PendingApprovals pending,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy) {
        this.pending = pending;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    @GET
    @Operation(
            summary = "The requests waiting for a decision",
            description =
                    "Extension and parking requests no supervisor has decided yet, oldest first (at most 200),"
                            + " each with its case's number, status and current deadline. For supervisors and leaders.")
    @APIResponse(responseCode = "200", description = "The pending requests, oldest first")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED: no valid token")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: the caller is neither a supervisor nor a leader")
    public Uni<List<PendingView>> pending() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(scope -> policy.requireApprover(new CasePolicy.Who(caller, scope)))
                .chain(() -> pending.oldest(SHOWN))
                .map(list -> list.stream().map(PendingView::of).toList());
    }

    /** A request as the supervisor weighs it: what is asked, why, by whom, and the case now. */
    public record PendingView(
            UUID requestId,
            ApprovalRequest.Kind kind,
            Double hours,
            LocalDate reviewOn,
            String reason,
            String requestedBy,
            Instant requestedAt,
            UUID caseId,
            String caseNumber,
            String caseStatus,
            String category,
            String gridCode,
            String departmentCode,
            Instant stepDueAt) {

        static PendingView of(PendingApprovals.Pending p) {
            var r = p.request();
            var c = p.about();
            return new PendingView(
                    r.id,
                    r.kind,
                    r.hours == null ? null : r.hours.doubleValue(),
                    r.reviewOn,
                    r.reason,
                    r.requestedBy,
                    r.requestedAt,
                    r.caseId,
                    c.number,
                    c.status.name(),
                    c.category,
                    c.gridCode,
                    c.routedDepartment,
                    c.stepDueAt);
        }
    }
}
