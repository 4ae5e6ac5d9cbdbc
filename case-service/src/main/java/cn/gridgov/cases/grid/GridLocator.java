package cn.gridgov.cases.grid;

import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Finds a report's grid through grid-service. Never fails: an outage becomes {@link GridLookup.Unavailable}. */
@ApplicationScoped
public class GridLocator {

    private static final Logger LOG = Logger.getLogger(GridLocator.class);

    private final GridServiceClient client;

    public GridLocator(@RestClient GridServiceClient client) {
        this.client = client;
    }

    public Uni<GridLookup> locate(double lon, double lat) {
        return client.locate(lon, lat)
                .<GridLookup>map(location -> new GridLookup.Located(location.grid().code(), location.grid().name(),
                        location.dedicated() == null ? java.util.List.of()
                                : location.dedicated().stream().map(GridServiceClient.AreaDto::code).toList()))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof WebApplicationException http && http.getResponse().getStatus() == 404) {
                        return new GridLookup.Outside(messageOf(http));
                    }
                    LOG.warnf("grid-service unavailable, the case will be located later: %s", failure.toString());
                    return new GridLookup.Unavailable(failure.getMessage());
                });
    }

    private static String messageOf(WebApplicationException http) {
        try {
            return http.getResponse().readEntity(JsonNode.class).path("message").asText("outside every grid");
        } catch (RuntimeException unreadable) {
            return "the location lies outside every grid";
        }
    }
}
