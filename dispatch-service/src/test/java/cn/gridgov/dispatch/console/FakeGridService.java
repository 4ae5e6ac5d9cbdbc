package cn.gridgov.dispatch.console;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * An HTTP server on grid-service's address in the test profile that answers the district's export
 * as grid-service does, to a caller with a bearer token only (401 otherwise, as grid-service
 * answers), with a few areas of the demo town (grid-service itself is not started by this module's
 * tests). Closing it is grid-service going down.
 */
final class FakeGridService implements AutoCloseable {

    /**
     * Town 海头镇 (D01-S2), grids G07 and G08 as the demo town draws them, and the market's dedicated
     * grid.
     */
    static final String DISTRICT_EXPORT =
            """
            {"type":"FeatureCollection","features":[
             {"type":"Feature","id":"D01-S2","properties":{"code":"D01-S2","name":"海头镇","level":"STREET","kind":"COMPREHENSIVE","parentCode":"D01"},
              "geometry":{"type":"Polygon","coordinates":[[[119.14,35.0],[119.18,35.0],[119.18,35.024],[119.14,35.024],[119.14,35.0]]]}},
             {"type":"Feature","id":"G07","properties":{"code":"G07","name":"G07","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S2-C2"},
              "geometry":{"type":"Polygon","coordinates":[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]}},
             {"type":"Feature","id":"G08","properties":{"code":"G08","name":"G08","level":"GRID","kind":"COMPREHENSIVE","parentCode":"D01-S2-C2"},
              "geometry":{"type":"Polygon","coordinates":[[[119.17,35.0],[119.18,35.0],[119.18,35.008],[119.17,35.008],[119.17,35.0]]]}},
             {"type":"Feature","id":"DG-MARKET","properties":{"code":"DG-MARKET","name":"海头农贸市场","level":"GRID","kind":"DEDICATED","parentCode":"D01-S2"},
              "geometry":{"type":"Polygon","coordinates":[[[119.172,35.002],[119.178,35.002],[119.178,35.006],[119.172,35.006],[119.172,35.002]]]}}
            ]}""";

    private final HttpServer server;
    private final AtomicInteger exports = new AtomicInteger();
    private final AtomicInteger unauthenticated = new AtomicInteger();

    FakeGridService() throws IOException {
        var url =
                ConfigProvider.getConfig()
                        .getValue("quarkus.rest-client.grid-service.url", String.class);
        server =
                HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(url).getPort()), 0);
        server.createContext(
                "/api/v1/areas/D01/export",
                exchange -> {
                    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    if (authorization == null || !authorization.startsWith("Bearer ")) {
                        // As grid-service does: nothing without a token.
                        unauthenticated.incrementAndGet();
                        var refusal =
                                "{\"code\":\"UNAUTHENTICATED\",\"message\":\"a bearer token is required\"}"
                                        .getBytes(StandardCharsets.UTF_8);
                        exchange.getResponseHeaders().add("Content-Type", "application/json");
                        exchange.sendResponseHeaders(401, refusal.length);
                        exchange.getResponseBody().write(refusal);
                        exchange.close();
                        return;
                    }
                    exports.incrementAndGet();
                    var body = DISTRICT_EXPORT.getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/geo+json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    /** How many times the district's export was asked for. */
    int exports() {
        return exports.get();
    }

    /**
     * How many requests came without a bearer token (and were refused 401, as grid-service would).
     */
    int unauthenticated() {
        return unauthenticated.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
