package cn.gridgov.cases.open311;

import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The Open311 client apps' api keys, for an administrator (403 {@code ADMIN_ONLY} for anyone else):
 * create one per client app (the key is in that answer only), list them with their request counts,
 * revoke one.
 */
@Path("/api/v1/open311-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPEN311)
public class Open311KeyResource {

    public record NewKey(@NotBlank @Size(max = 200) String clientName) {}

    private final Open311Keys keys;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public Open311KeyResource(
            Open311Keys keys, SignedIn signedIn, StaffDirectory directory, CasePolicy policy) {
        this.keys = keys;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    @POST
    @Operation(
            summary = "Issue an Open311 api key",
            description =
                    "An administrator issues a key for one client app (FixMyStreet, a city app); the key is shown once, in this answer.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a client app",
                                            value =
                                                    """
                                                    {"clientName":"FixMyStreet 赣榆"}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "The key, shown this once",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"1e2d…","clientName":"FixMyStreet 赣榆","apiKey":"o311_…","createdAt":"2026-12-07T08:00:00Z","revokedAt":null}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (clientName missing or over 200 characters), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator issues keys")
    public Uni<Response> create(@NotNull @Valid NewKey request) {
        return administrator()
                .chain(admin -> keys.create(request.clientName().strip(), admin))
                .map(created -> Response.status(201).entity(created).build());
    }

    @GET
    @Operation(
            summary = "The Open311 api keys",
            description = "Every key issued, revoked ones too, without the keys themselves.")
    @APIResponse(responseCode = "200", description = "The keys")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator sees the keys")
    public Uni<List<Open311Keys.KeyView>> list() {
        return administrator().chain(admin -> keys.list());
    }

    @DELETE
    @Path("/{id}")
    @Operation(
            summary = "Revoke an Open311 api key",
            description =
                    "The key no longer posts requests; the app's earlier requests keep answering.")
    @APIResponse(responseCode = "200", description = "The key, revoked")
    @APIResponse(responseCode = "400", description = "MALFORMED_ID: id is not a UUID")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator revokes keys")
    @APIResponse(responseCode = "404", description = "API_KEY_NOT_FOUND: no key has this id")
    public Uni<Open311Keys.KeyView> revoke(@PathParam("id") String idText) {
        var id = Ids.uuid("id", idText);
        return administrator()
                .chain(admin -> keys.revoke(id, admin))
                .map(
                        revoked ->
                                revoked.orElseThrow(
                                        () ->
                                                Problem.notFound(
                                                        "API_KEY_NOT_FOUND",
                                                        "id",
                                                        "there is no Open311 api key " + id)));
    }

    /** The administrator's staff id; checked before anything is read or written. */
    private Uni<String> administrator() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(
                        scope ->
                                policy.requireAdmin(
                                        new CasePolicy.Who(caller, scope),
                                        "manages the Open311 api keys"))
                .map(scope -> caller.staffId());
    }
}
