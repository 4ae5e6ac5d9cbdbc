package cn.gridgov.cases;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for grid-service's {@code POST /api/v1/locate} in this module's {@code @QuarkusTest}s,
 * so that cases at G07 have a grid and the policy's grid scope can be tried: a point within G07 (a
 * square of about 900 m around its centre, 119.165, 35.004) lies in G07 and no dedicated grid;
 * grid-service cannot say where any other point lies (the outage path: such reports are kept
 * without a grid, as before). Like the real grid-service it answers only a caller presenting a
 * bearer token, and this one only case-service's own (staff_id {@code gridgov-services}).
 *
 * <p>It also answers {@code GET /api/v1/areas/{code}/export} with the codes of the demo town's area
 * tree (district D01, its four towns, their communities, the 48 grids and the six dedicated grids,
 * as grid-service's demo town has them, and the empty neighbouring district D02; G07 alone with its
 * name and its square, the others with no geometry), 404 for any other code: the case search widens
 * an area to the grids under it this way.
 */
public class StandInLocate implements QuarkusTestResourceLifecycleManager {

    public static final double G07_LONGITUDE = 119.165;
    public static final double G07_LATITUDE = 35.004;
    private static final double HALF_SIDE = 0.0045;

    /** Calls that came without the service's own bearer token. */
    public static final AtomicInteger REFUSED_CALLS = new AtomicInteger();

    /** Calls answered. */
    public static final AtomicInteger ANSWERED_CALLS = new AtomicInteger();

    private static final ObjectMapper JSON = new ObjectMapper();
    private HttpServer server;

    public static boolean inG07(double longitude, double latitude) {
        return Math.abs(longitude - G07_LONGITUDE) < HALF_SIDE
                && Math.abs(latitude - G07_LATITUDE) < HALF_SIDE;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/api/v1/locate",
                exchange -> {
                    int status;
                    byte[] body;
                    if (!"gridgov-services"
                            .equals(
                                    staffIdOf(
                                            exchange.getRequestHeaders()
                                                    .getFirst("Authorization")))) {
                        REFUSED_CALLS.incrementAndGet();
                        status = 401;
                        body = "{\"code\":\"UNAUTHENTICATED\"}".getBytes(StandardCharsets.UTF_8);
                    } else {
                        ANSWERED_CALLS.incrementAndGet();
                        var request = JSON.readTree(exchange.getRequestBody());
                        var answer = JSON.createObjectNode();
                        var locations = answer.putArray("locations");
                        for (var point : request.path("points")) {
                            var location = locations.addObject();
                            if (inG07(
                                    point.path("longitude").asDouble(),
                                    point.path("latitude").asDouble())) {
                                location.put("grid", "G07");
                                location.putArray("dedicated");
                            }
                        }
                        status = 200;
                        body = answer.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.createContext(
                "/api/v1/areas/",
                exchange -> {
                    var path = exchange.getRequestURI().getPath();
                    var code =
                            path.substring(
                                    "/api/v1/areas/".length(), path.length() - "/export".length());
                    int status;
                    byte[] body;
                    if (!"gridgov-services"
                            .equals(
                                    staffIdOf(
                                            exchange.getRequestHeaders()
                                                    .getFirst("Authorization")))) {
                        REFUSED_CALLS.incrementAndGet();
                        status = 401;
                        body = "{\"code\":\"UNAUTHENTICATED\"}".getBytes(StandardCharsets.UTF_8);
                    } else if (!path.endsWith("/export") || !DEMO_PARENTS.containsKey(code)) {
                        status = 404;
                        body = "{\"code\":\"AREA_NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8);
                    } else {
                        var answer = JSON.createObjectNode().put("type", "FeatureCollection");
                        var features = answer.putArray("features");
                        for (var area : subtree(code)) {
                            var feature =
                                    features.addObject().put("type", "Feature").put("id", area);
                            feature.putObject("properties")
                                    .put("code", area)
                                    .put("parentCode", DEMO_PARENTS.get(area));
                            if ("G07".equals(area)) {
                                g07Outline(feature);
                            }
                        }
                        status = 200;
                        body = answer.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        return Map.of(
                "gridgov.grid-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * G07's name and its square (the points this stand-in places in G07), as grid-service's export
     * draws a grid.
     */
    private static void g07Outline(com.fasterxml.jackson.databind.node.ObjectNode feature) {
        ((com.fasterxml.jackson.databind.node.ObjectNode) feature.get("properties"))
                .put("name", "柘汪镇第七网格")
                .put("level", "GRID")
                .put("kind", "COMPREHENSIVE");
        var ring =
                feature.putObject("geometry")
                        .put("type", "Polygon")
                        .putArray("coordinates")
                        .addArray();
        double[][] corners = {{-1, -1}, {1, -1}, {1, 1}, {-1, 1}, {-1, -1}};
        for (var corner : corners) {
            ring.addArray()
                    .add(G07_LONGITUDE + corner[0] * HALF_SIDE)
                    .add(G07_LATITUDE + corner[1] * HALF_SIDE);
        }
    }

    /**
     * Each area of the demo town with its parent ("" for the district), as grid-service's DemoTown
     * lays them out.
     */
    static final Map<String, String> DEMO_PARENTS = demoParents();

    private static Map<String, String> demoParents() {
        var parents = new java.util.LinkedHashMap<String, String>();
        parents.put("D01", "");
        parents.put("D02", "");
        for (int town = 1; town <= 4; town++) {
            parents.put("D01-S" + town, "D01");
            for (int community = 1; community <= 2; community++) {
                parents.put("D01-S" + town + "-C" + community, "D01-S" + town);
            }
        }
        // 8 × 6 grids numbered row by row; towns of 4 × 3 grids, communities of 2 × 3.
        for (int number = 0; number < 48; number++) {
            int col = number % 8;
            int row = number / 8;
            int town = (row / 3) * 2 + col / 4;
            int community = (col % 4) / 2;
            parents.put(
                    String.format("G%02d", number + 1),
                    "D01-S" + (town + 1) + "-C" + (community + 1));
        }
        parents.put("DG-PORT", "D01-S1");
        parents.put("DG-PARK", "D01-S1");
        parents.put("DG-SCHOOL", "D01-S2");
        parents.put("DG-MARKET", "D01-S2");
        parents.put("DG-HOSPITAL", "D01-S3");
        parents.put("DG-SCENIC", "D01-S4");
        return parents;
    }

    private static java.util.List<String> subtree(String code) {
        var codes = new java.util.ArrayList<String>(java.util.List.of(code));
        for (int i = 0; i < codes.size(); i++) {
            var parent = codes.get(i);
            DEMO_PARENTS.forEach(
                    (area, itsParent) -> {
                        if (itsParent.equals(parent)) {
                            codes.add(area);
                        }
                    });
        }
        return codes;
    }

    /** The staff_id claim of a bearer token (the real grid-service verifies its signature too). */
    private static String staffIdOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            var parts = authorization.substring(7).split("\\.");
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]))
                    .path("staff_id")
                    .asText(null);
        } catch (Exception e) {
            return null;
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }
}
