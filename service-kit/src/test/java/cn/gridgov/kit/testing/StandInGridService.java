package cn.gridgov.kit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for grid-service's staff directory in a service's {@code @QuarkusTest}s, which run
 * without grid-service: {@code GET /api/v1/staff/{id}} answers the demo town's staff as the real
 * grid-service would (the list is written from grid-service's demo organisation and checked against
 * it by grid-service's DemoRealmTest), and only to a caller that presents a bearer token, as the
 * real one requires. The journey tests run the real grid-service instead.
 */
public class StandInGridService implements QuarkusTestResourceLifecycleManager {

    /** Calls that came without a bearer token: a service must always send its own. */
    public static final AtomicInteger UNAUTHENTICATED_CALLS = new AtomicInteger();

    private HttpServer server;

    @Override
    public Map<String, String> start() {
        var staff = demoStaff();
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/api/v1/staff/",
                exchange -> {
                    var id =
                            exchange.getRequestURI().getPath().substring("/api/v1/staff/".length());
                    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    byte[] body;
                    int status;
                    if (authorization == null || !authorization.startsWith("Bearer ")) {
                        UNAUTHENTICATED_CALLS.incrementAndGet();
                        status = 401;
                        body = "{\"code\":\"UNAUTHENTICATED\"}".getBytes(StandardCharsets.UTF_8);
                    } else if (staff.containsKey(id)) {
                        status = 200;
                        body = staff.get(id).toString().getBytes(StandardCharsets.UTF_8);
                    } else {
                        status = 404;
                        body = "{\"code\":\"STAFF_NOT_FOUND\"}".getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        return Map.of(
                "quarkus.rest-client.staff-directory.url",
                "http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private static Map<String, JsonNode> demoStaff() {
        try (var in = StandInGridService.class.getResourceAsStream("demo-staff.json")) {
            var byId = new HashMap<String, JsonNode>();
            for (var person : new ObjectMapper().readTree(in)) {
                byId.put(person.get("staffId").asText(), person);
            }
            return byId;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
