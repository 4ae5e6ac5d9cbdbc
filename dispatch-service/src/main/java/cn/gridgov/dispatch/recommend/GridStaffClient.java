package cn.gridgov.dispatch.recommend;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * grid-service's "who is nearest" endpoint, asked with this service's own token; wrapped by {@link
 * NearbyStaff}, which decides what failures mean.
 */
@RegisterRestClient(configKey = "grid-service")
@OidcClientFilter
@Path("/api/v1")
interface GridStaffClient {

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record PostDto(String role, String areaCode) {}

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record LocationDto(double longitude, double latitude, Instant at) {}

    @com.fasterxml.jackson.annotation.JsonIgnoreProperties(ignoreUnknown = true)
    record StaffDto(
            String staffId,
            String name,
            String departmentCode,
            List<PostDto> posts,
            boolean onDuty,
            LocationDto lastLocation,
            Double distanceMeters) {}

    @GET
    @Path("/staff/nearest")
    Uni<List<StaffDto>> nearest(
            @QueryParam("lon") double lon,
            @QueryParam("lat") double lat,
            @QueryParam("role") String role,
            @QueryParam("limit") int limit);
}
