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
 * so that cases at G07 have a grid and the policy's grid scope can be tried: a point within G07
 * (a square of about 900 m around its centre, 119.165, 35.004) lies in G07 and no dedicated grid;
 * grid-service cannot say where any other point lies (the outage path: such reports are kept
 * without a grid, as before). Like the real grid-service it answers only a caller presenting a
 * bearer token, and this one only case-service's own (staff_id {@code gridgov-services}).
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
        return Math.abs(longitude - G07_LONGITUDE) < HALF_SIDE && Math.abs(latitude - G07_LATITUDE) < HALF_SIDE;
    }

    @Override
    public Map<String, String> start() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/locate", exchange -> {
            int status;
            byte[] body;
            if (!"gridgov-services".equals(staffIdOf(exchange.getRequestHeaders().getFirst("Authorization")))) {
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
                    if (inG07(point.path("longitude").asDouble(), point.path("latitude").asDouble())) {
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
        server.start();
        return Map.of("gridgov.grid-service.url", "http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** The staff_id claim of a bearer token (the real grid-service verifies its signature too). */
    private static String staffIdOf(String authorization) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return null;
        }
        try {
            var parts = authorization.substring(7).split("\\.");
            return JSON.readTree(Base64.getUrlDecoder().decode(parts[1])).path("staff_id").asText(null);
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
