package cn.gridgov.cases.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Asks grid-service's locate endpoint, once per report not in the cache. A plain Vert.x web
 * client on the caller's event loop: intake's busiest outbound call does not hop to a worker
 * thread and back, as a REST client's response filters would make it. Never fails: an outage or
 * an unexpected answer becomes {@link GridLookup.Unavailable}.
 */
@ApplicationScoped
class GridServiceClient {

    private static final Logger LOG = Logger.getLogger(GridServiceClient.class);

    private final WebClient web;
    private final ObjectMapper json;
    private final URI base;
    private final long timeoutMillis;

    GridServiceClient(Vertx vertx, ObjectMapper json, @ConfigProperty(name = "gridgov.grid-service.url") URI base,
                      @ConfigProperty(name = "gridgov.grid-service.connect-timeout") Duration connectTimeout,
                      @ConfigProperty(name = "gridgov.grid-service.timeout") Duration timeout) {
        this.web = WebClient.create(vertx, new WebClientOptions()
                .setConnectTimeout((int) connectTimeout.toMillis())
                .setKeepAlive(true));
        this.json = json;
        this.base = base;
        this.timeoutMillis = timeout.toMillis();
    }

    Uni<GridLookup> locate(double lon, double lat) {
        var port = base.getPort() > 0 ? base.getPort() : 80;
        var answer = web.get(port, base.getHost(), base.getPath().replaceAll("/$", "") + "/api/v1/locate")
                .addQueryParam("lon", String.format(Locale.ROOT, "%.7f", lon))
                .addQueryParam("lat", String.format(Locale.ROOT, "%.7f", lat))
                .timeout(timeoutMillis)
                .send();
        return Uni.createFrom().completionStage(answer.toCompletionStage())
                .map(this::lookup)
                .onFailure().recoverWithItem(failure -> unavailable(failure.toString()));
    }

    private GridLookup lookup(HttpResponse<?> response) {
        try {
            return switch (response.statusCode()) {
                case 200 -> located(json.readTree(response.bodyAsString()));
                case 404 -> new GridLookup.Outside(json.readTree(response.bodyAsString()).path("message")
                        .asText("the location lies outside every grid"));
                default -> unavailable("grid-service answered " + response.statusCode());
            };
        } catch (IOException | RuntimeException unreadable) {
            return unavailable("grid-service's answer could not be read: " + unreadable.getMessage());
        }
    }

    private static GridLookup located(JsonNode location) {
        var grid = location.path("grid").path("code");
        if (!grid.isTextual()) {
            return unavailable("grid-service's answer names no grid");
        }
        var dedicated = new ArrayList<String>();
        location.path("dedicated").forEach(area -> dedicated.add(area.path("code").asText()));
        return new GridLookup.Located(grid.asText(), dedicated);
    }

    private static GridLookup unavailable(String reason) {
        LOG.warnf("grid-service unavailable, the case will be located later: %s", reason);
        return new GridLookup.Unavailable(reason);
    }
}
