package cn.gridgov.cases.rest;

import cn.gridgov.cases.evaluation.ScoreScheme;
import cn.gridgov.cases.evaluation.ScoreSchemes;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * The score schemes' versions ({@code GET}, for those who read the indicators) and a new version
 * ({@code POST}, an administrator's): weights per indicator and grade bands; nothing is ever
 * changed in place.
 */
@Authenticated
@Path("/api/v1/score-schemes")
public class ScoreSchemeResource {

    private final ScoreSchemes schemes;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public ScoreSchemeResource(
            ScoreSchemes schemes, SignedIn signedIn, StaffDirectory directory, CasePolicy policy) {
        this.schemes = schemes;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    public record NewVersion(
            String subject, Map<String, Integer> weights, List<ScoreScheme.Band> bands) {}

    @GET
    public Uni<List<ScoreScheme>> all() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(scope -> policy.kpiUnitFor(new CasePolicy.Who(caller, scope), false))
                .chain(scope -> schemes.all());
    }

    @POST
    public Uni<Response> add(NewVersion request) {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(
                        scope ->
                                policy.requireAdmin(
                                        new CasePolicy.Who(caller, scope),
                                        "sets the score schemes"))
                .chain(
                        scope ->
                                request == null
                                        ? Uni.createFrom()
                                                .failure(
                                                        new Problem(
                                                                Problem.Kind.INVALID,
                                                                "BODY_MISSING",
                                                                "subject",
                                                                "a new version names its subject, weights and bands"))
                                        : schemes.add(
                                                request.subject(),
                                                request.weights(),
                                                request.bands(),
                                                caller.staffId()))
                .map(
                        added ->
                                Response.created(
                                                URI.create(
                                                        "/api/v1/score-schemes#" + added.version()))
                                        .entity(added)
                                        .build());
    }
}
