package cn.gridgov.dispatch.gridmap;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * grid-service's GeoJSON export of an area and everything below it, asked with this service's own
 * token; wrapped by {@link GridMap}.
 */
@RegisterRestClient(configKey = "grid-service")
@OidcClientFilter
@Path("/api/v1")
interface GridAreaClient {

    @GET
    @Path("/areas/{code}/export")
    @Produces(GridMap.GEO_JSON)
    Uni<String> export(@PathParam("code") String code);
}
