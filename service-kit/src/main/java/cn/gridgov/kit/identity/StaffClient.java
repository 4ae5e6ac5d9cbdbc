package cn.gridgov.kit.identity;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** grid-service's staff, asked with this service's own token. */
@RegisterRestClient(configKey = "staff-directory")
@OidcClientFilter
@Path("/api/v1/staff")
interface StaffClient {

    @GET
    @Path("/{id}")
    Uni<StaffScope> staff(@PathParam("id") String staffId);
}
