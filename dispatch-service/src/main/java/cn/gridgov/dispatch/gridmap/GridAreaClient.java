package cn.gridgov.dispatch.gridmap;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** grid-service's GeoJSON export of an area and everything below it; wrapped by {@link GridMap}. */
@RegisterRestClient(configKey = "grid-service")
@Path("/api/v1")
interface GridAreaClient {

    @GET
    @Path("/areas/{code}/export")
    @Produces(GridMap.GEO_JSON)
    Uni<String> export(@PathParam("code") String code);
}
