package cn.gridgov.cases.grid;

import cn.gridgov.kit.identity.ServiceToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Asks grid-service where points lie, many in one request. A plain Vert.x web client on the
 * caller's event loop: intake's busiest outbound call does not hop to a worker thread and back, as
 * a REST client's response filters would make it. Every request carries this service's own token
 * ({@link ServiceToken}, kept and refreshed before it expires, so a request costs no call to the
 * identity provider). Never fails: an outage, a refused token or an unexpected answer becomes
 * {@link GridLookup.Unavailable}.
 */
@ApplicationScoped
class GridServiceClient {

    private static final Logger LOG = Logger.getLogger(GridServiceClient.class);

    private final WebClient web;
    private final ObjectMapper json;
    private final URI base;
    private final long timeoutMillis;
    private final ServiceToken token;

    GridServiceClient(
            Vertx vertx, ObjectMapper json, ServiceToken token, GridServiceConfig config) {
        this.web =
                WebClient.create(
                        vertx,
                        new WebClientOptions()
                                .setConnectTimeout((int) config.connectTimeout().toMillis())
                                .setKeepAlive(true));
        this.json = json;
        this.token = token;
        this.base = config.url();
        this.timeoutMillis = config.timeout().toMillis();
    }

    /** A point to locate. */
    record Point(double longitude, double latitude) {}

    /** Where each point lies, in the order given, in one request. */
    Uni<List<GridLookup>> locateAll(List<Point> points) {
        var port = base.getPort() > 0 ? base.getPort() : 80;
        var body = json.createObjectNode();
        var array = body.putArray("points");
        points.forEach(
                point ->
                        array.addObject()
                                .put("longitude", point.longitude())
                                .put("latitude", point.latitude()));
        return token.authorization()
                .chain(
                        authorization ->
                                Uni.createFrom()
                                        .completionStage(
                                                web.post(
                                                                port,
                                                                base.getHost(),
                                                                base.getPath().replaceAll("/$", "")
                                                                        + "/api/v1/locate")
                                                        .putHeader(
                                                                "Content-Type", "application/json")
                                                        .putHeader("Authorization", authorization)
                                                        .timeout(timeoutMillis)
                                                        .sendBuffer(Buffer.buffer(body.toString()))
                                                        .toCompletionStage()))
                .map(response -> lookups(response, points.size()))
                .onFailure()
                .recoverWithItem(failure -> unavailable(failure.toString(), points.size()));
    }

    /**
     * The codes of an area and of every area below it, each with its parent's code (grid-service's
     * export of the subtree, of which only the properties are read); null when grid-service knows
     * no such area. Fails when grid-service cannot be asked.
     */
    Uni<Map<String, String>> subtree(String areaCode) {
        return export(areaCode)
                .map(
                        features -> {
                            if (features == null) {
                                return null;
                            }
                            var parents = new LinkedHashMap<String, String>();
                            for (var feature : features) {
                                var code = feature.path("properties").path("code");
                                if (code.isTextual()) {
                                    parents.put(
                                            code.asText(),
                                            feature.path("properties")
                                                    .path("parentCode")
                                                    .asText(""));
                                }
                            }
                            return parents;
                        });
    }

    /**
     * grid-service's GeoJSON export of an area and every area below it: its features, each with its
     * properties (code, name, level, kind …) and its polygon; null when grid-service knows no such
     * area. Fails when grid-service cannot be asked.
     */
    Uni<JsonNode> export(String areaCode) {
        var port = base.getPort() > 0 ? base.getPort() : 80;
        var path =
                base.getPath().replaceAll("/$", "")
                        + "/api/v1/areas/"
                        + java.net.URLEncoder.encode(
                                        areaCode, java.nio.charset.StandardCharsets.UTF_8)
                                .replace("+", "%20")
                        + "/export";
        return token.authorization()
                .chain(
                        authorization ->
                                Uni.createFrom()
                                        .completionStage(
                                                web.get(port, base.getHost(), path)
                                                        .putHeader("Authorization", authorization)
                                                        .timeout(timeoutMillis)
                                                        .send()
                                                        .toCompletionStage()))
                .map(
                        response -> {
                            if (response.statusCode() == 404) {
                                return null;
                            }
                            if (response.statusCode() != 200) {
                                throw new IllegalStateException(
                                        "grid-service answered " + response.statusCode());
                            }
                            try {
                                return json.readTree(response.bodyAsString()).path("features");
                            } catch (IOException unreadable) {
                                throw new IllegalStateException(
                                        "grid-service's export could not be read", unreadable);
                            }
                        });
    }

    private List<GridLookup> lookups(HttpResponse<?> response, int expected) {
        if (response.statusCode() != 200) {
            return unavailable("grid-service answered " + response.statusCode(), expected);
        }
        try {
            var locations = json.readTree(response.bodyAsString()).path("locations");
            if (locations.size() != expected) {
                return unavailable(
                        "grid-service answered "
                                + locations.size()
                                + " locations for "
                                + expected
                                + " points",
                        expected);
            }
            var lookups = new ArrayList<GridLookup>(expected);
            locations.forEach(location -> lookups.add(lookup(location)));
            return lookups;
        } catch (IOException | RuntimeException unreadable) {
            return unavailable(
                    "grid-service's answer could not be read: " + unreadable.getMessage(),
                    expected);
        }
    }

    private static GridLookup lookup(JsonNode location) {
        if (location.path("outside").isTextual()) {
            return new GridLookup.Outside(location.path("outside").asText());
        }
        var grid = location.path("grid");
        if (!grid.isTextual()) {
            return unavailable("grid-service's answer names no grid");
        }
        var dedicated = new ArrayList<String>();
        location.path("dedicated").forEach(code -> dedicated.add(code.asText()));
        return new GridLookup.Located(grid.asText(), dedicated);
    }

    private static List<GridLookup> unavailable(String reason, int points) {
        return Collections.nCopies(points, unavailable(reason));
    }

    private static GridLookup unavailable(String reason) {
        LOG.warnf("grid-service unavailable, the case will be located later: %s", reason);
        return new GridLookup.Unavailable(reason);
    }
}
