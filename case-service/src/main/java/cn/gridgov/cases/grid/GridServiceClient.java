package cn.gridgov.cases.grid;

import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** grid-service's locate endpoint; wrapped by {@link GridLocator}, which decides what failures mean. */
@RegisterRestClient(configKey = "grid-service")
@Path("/api/v1")
interface GridServiceClient {

    record AreaDto(String code) {
    }

    record LocationDto(AreaDto grid, java.util.List<AreaDto> dedicated) {
    }

    @GET
    @Path("/locate")
    Uni<LocationDto> locate(@QueryParam("lon") double lon, @QueryParam("lat") double lat);
}
