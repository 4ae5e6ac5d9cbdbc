package cn.gridgov.cases.rest;

import cn.gridgov.cases.evaluation.ScoreScheme;
import cn.gridgov.cases.evaluation.ScoreSchemes;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The score schemes' versions ({@code GET}, for those who read the indicators) and a new version
 * ({@code POST}, an administrator's): weights per indicator and grade bands; nothing is ever
 * changed in place.
 */
@Authenticated
@Path("/api/v1/score-schemes")
@Tag(name = ApiTags.EVALUATE)
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
    @Operation(
            summary = "The score schemes",
            description =
                    "Every version of the schemes the indicators are scored by, per subject (grid, department, person): the weights of the indicators and the bands.")
    @APIResponse(responseCode = "200", description = "The schemes, every version")
    @APIResponse(
            responseCode = "403",
            description = "NOT_FOR_YOUR_ROLE: for those who read indicators")
    public Uni<List<ScoreScheme>> all() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(scope -> policy.kpiUnitFor(new CasePolicy.Who(caller, scope), false))
                .chain(scope -> schemes.all());
    }

    @POST
    @Operation(
            summary = "Add a version of a score scheme",
            description =
                    "An administrator adds a new version of a subject's scheme: weights (whole numbers adding up to 100) and bands. Periods already scored keep the version they were scored by.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "departments",
                                            value =
                                                    """
                                                    {"subject":"DEPARTMENT","weights":{"onTimeRate":40,"satisfaction":30,"sentBackRate":15,"reworkRate":15},
                                                     "bands":[{"name":"优秀","min":90},{"name":"良好","min":75},{"name":"合格","min":60},{"name":"不合格","min":0}]}
                                                    """)))
    @APIResponse(responseCode = "201", description = "Created: the new version; Location names it")
    @APIResponse(
            responseCode = "400",
            description =
                    "BODY_MISSING, UNKNOWN_SUBJECT, WEIGHTS_MISSING, WEIGHTS_NOT_100, WEIGHT_NOT_POSITIVE, UNKNOWN_INDICATOR, BANDS_MISSING, BANDS_GAP, BANDS_OVERLAP, BAND_UNREADABLE, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator changes the schemes")
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
