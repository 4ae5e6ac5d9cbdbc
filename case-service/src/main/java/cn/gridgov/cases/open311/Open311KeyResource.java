package cn.gridgov.cases.open311;

import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.ids.Ids;
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

/**
 * The Open311 client apps' api keys, for an administrator (403 {@code ADMIN_ONLY} for anyone else):
 * create one per client app (the key is in that answer only), list them with their request counts,
 * revoke one.
 */
@Path("/api/v1/open311-keys")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
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
    public Uni<Response> create(@NotNull @Valid NewKey request) {
        return administrator()
                .chain(admin -> keys.create(request.clientName().strip(), admin))
                .map(created -> Response.status(201).entity(created).build());
    }

    @GET
    public Uni<List<Open311Keys.KeyView>> list() {
        return administrator().chain(admin -> keys.list());
    }

    @DELETE
    @Path("/{id}")
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
