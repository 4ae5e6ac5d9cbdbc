package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.Tokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** What the console reads: the queue awaiting a dispatcher and the live stream. */
@QuarkusTest
class CommandCenterTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @TestHTTPResource("/api/v1/stream")
    URI stream;

    @Test
    @DisplayName(
            "the live stream (for a signed-in caller only) carries each decision as a server-sent event, and a case the rules leave to the center waits in the queue until overridden")
    void streamAndQueue() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        var client = HttpClient.newHttpClient();
        var anonymous =
                client.send(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        org.assertj.core.api.Assertions.assertThat(anonymous.statusCode())
                .as("the stream without a token")
                .isEqualTo(401);
        var response =
                client.sendAsync(
                        HttpRequest.newBuilder(stream)
                                .header("Accept", "text/event-stream")
                                .header("Authorization", "Bearer " + Tokens.of(DISPATCHER))
                                .build(),
                        HttpResponse.BodyHandlers.ofLines());
        response.thenAccept(r -> r.body().forEach(lines::add));
        await().atMost(Duration.ofSeconds(10)).until(response::isDone);
        await().atMost(Duration.ofSeconds(10)).until(() -> response.get().statusCode() == 200);

        var odd = Snapshot.of("9903", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, odd);
        }
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                lines.stream()
                                        .anyMatch(
                                                line ->
                                                        line.startsWith("data:")
                                                                && line.contains(odd.id())
                                                                && line.contains(
                                                                        DispatchTypes.ROUTED
                                                                                .name())));

        as(DISPATCHER)
                .get("/api/v1/dispatch-queue")
                .then()
                .statusCode(200)
                .body("find { it.caseId == '" + odd.id() + "' }.mode", equalTo("MANUAL"));
        as(DISPATCHER)
                .contentType("application/json")
                .body("{\"mode\":\"IN_GRID\",\"reason\":\"the grid chief can settle it\"}")
                .post("/api/v1/routing-decisions/" + odd.id() + "/override")
                .then()
                .statusCode(200)
                .body("departmentCode", equalTo("GRID"));
        as(DISPATCHER)
                .get("/api/v1/dispatch-queue")
                .then()
                .statusCode(200)
                .body("findAll { it.caseId == '" + odd.id() + "' }.size()", equalTo(0));
        await().atMost(Duration.ofSeconds(30))
                .until(
                        () ->
                                lines.stream()
                                                .filter(
                                                        line ->
                                                                line.startsWith("data:")
                                                                        && line.contains(odd.id()))
                                                .count()
                                        == 2);
        response.get().body().close();
    }
}
