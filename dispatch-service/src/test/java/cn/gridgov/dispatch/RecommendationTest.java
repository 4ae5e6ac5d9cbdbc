package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Recommendations through the real REST client against an HTTP server that answers as
 * grid-service's /api/v1/staff/nearest does (grid-service itself is not started by this module's
 * tests).
 */
@QuarkusTest
class RecommendationTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = "quarkus.rest-client.grid-service.url")
    String gridUrl;

    private static final String NEAREST =
            """
            [{"staffId":"G07-2","name":"李芳","phone":"13805180001","departmentCode":null,
              "posts":[{"role":"GRID_WORKER","areaCode":"G07"}],"onDuty":true,
              "lastLocation":{"longitude":119.1652,"latitude":35.0041,"accuracyMeters":5,"at":"%1$s"},"distanceMeters":25.0},
             {"staffId":"G07-1","name":"王伟","departmentCode":null,
              "posts":[{"role":"GRID_CHIEF","areaCode":"G07"},{"role":"PARTY_SPECIALIST","areaCode":"G07"}],"onDuty":true,
              "lastLocation":{"longitude":119.166,"latitude":35.005,"at":"%1$s"},"distanceMeters":140.0},
             {"staffId":"G08-1","name":"张娜","departmentCode":null,"posts":[{"role":"GRID_CHIEF","areaCode":"G08"}],
              "onDuty":true,"lastLocation":{"longitude":119.175,"latitude":35.004,"at":"%1$s"},"distanceMeters":900.0},
             {"staffId":"ZHZF-1","name":"刘敏","departmentCode":"ZHZF","posts":[{"role":"DEPARTMENT_STAFF","areaCode":null}],
              "onDuty":true,"lastLocation":{"longitude":119.14,"latitude":35.024,"at":"%1$s"},"distanceMeters":3100.0}]""";

    @Test
    @DisplayName(
            "a dispute solved in the grid recommends its own grid's people first, each with reasons; grid-service down is a 503")
    void recommendsTopThree() throws Exception {
        var asked = new AtomicReference<String>();
        var authorization = new AtomicReference<String>();
        var port = java.net.URI.create(gridUrl).getPort();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext(
                "/api/v1/staff/nearest",
                exchange -> {
                    asked.set(exchange.getRequestURI().getQuery());
                    authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
                    var body =
                            NEAREST.formatted(java.time.Instant.now())
                                    .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
        var dispute = Snapshot.of("0201", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, dispute);
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/routing-decisions/" + dispute.id())
                                            .then()
                                            .statusCode(200));
            as(DISPATCHER)
                    .get("/api/v1/cases/" + dispute.id() + "/handler-recommendations")
                    .then()
                    .statusCode(200)
                    .body("size()", equalTo(3))
                    .body("[0].staffId", equalTo("G07-1"))
                    .body("[1].staffId", equalTo("G07-2"))
                    .body("[2].staffId", equalTo("G08-1"))
                    .body("[0].reasons", hasItem("holds GRID_CHIEF in G07 (+50)"));
            org.assertj.core.api.Assertions.assertThat(asked.get())
                    .contains("lon=119.165")
                    .contains("lat=35.004");
            // dispatch-service asked with its own token, not the caller's.
            org.assertj.core.api.Assertions.assertThat(authorization.get()).startsWith("Bearer ");
            org.assertj.core.api.Assertions.assertThat(authorization.get())
                    .isNotEqualTo("Bearer " + cn.gridgov.kit.testing.Tokens.of(DISPATCHER));
        } finally {
            server.stop(0);
        }
        as(DISPATCHER)
                .get("/api/v1/cases/" + dispute.id() + "/handler-recommendations")
                .then()
                .statusCode(503)
                .body("code", equalTo("GRID_SERVICE_UNAVAILABLE"));
        as(DISPATCHER)
                .get("/api/v1/cases/" + UUID.randomUUID() + "/handler-recommendations")
                .then()
                .statusCode(404)
                .body("code", equalTo("CASE_NOT_FOUND"));
        as(DISPATCHER)
                .get("/api/v1/cases/" + dispute.id() + "/handler-recommendations?role=not a role")
                .then()
                .statusCode(400)
                .body("field", equalTo("role"));
    }
}
