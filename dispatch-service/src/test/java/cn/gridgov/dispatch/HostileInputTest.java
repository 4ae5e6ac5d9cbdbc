package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.hostile.HostileInput;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A stranger's garbage, thousands of times, at every endpoint of dispatch-service's OpenAPI
 * document: routing rules, whistles, duty reports, overrides and send-backs as JSON of the wrong
 * types and sizes, broken UTF-8, NUL, deep nesting and huge numbers; hostile path and query
 * parameters; from every role, without a token and with forged ones. Nothing of it is a server
 * error, every refusal is JSON naming no Java class, and nothing a refused request carried is
 * written.
 */
@QuarkusTest
class HostileInputTest {

    @Inject AgroalDataSource db;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    /**
     * A case accepted in case-service and routed here, so hostile commands reach a real decision.
     */
    private String routedCase() throws Exception {
        var manhole = Snapshot.of("0101", "G07");
        try (var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, manhole);
        }
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + manhole.id())
                                        .then()
                                        .statusCode(200)
                                        .body("departmentCode", equalTo("ZHZF")));
        return manhole.id();
    }

    @Test
    @DisplayName(
            "thousands of malformed and hostile requests to every endpoint are refused with a JSON 4xx naming no Java"
                    + " class, never a 5xx, and a refused request writes nothing")
    void hostileRequestsAreRefusedAndWriteNothing() throws Exception {
        HostileInput.against(db)
                .callers(
                        "G07-2",
                        "G07-1",
                        "ZHZF-1",
                        "CC-DISPATCHER-1",
                        "CC-DUTY_CHIEF-1",
                        "CC-SUPERVISOR-1",
                        "CC-LEADER-1",
                        "CC-ADMIN-1",
                        AccessMatrix.SERVICE)
                .plausible("caseRef", routedCase())
                .plausible("id", "R-0102", UUID.randomUUID().toString())
                .plausible("whistleId", UUID.randomUUID().toString())
                .plausible("code", "ZHZF", "G07", "PQ-1")
                .plausible("departmentCode", "ZHZF")
                .plausible("category", "0101")
                .plausible("categoryPrefix", "98")
                .unavailableHere(
                        "GRID_SERVICE_UNAVAILABLE",
                        "grid-service does not run beside this test (who is near, the grid map)")
                .unavailableHere(
                        "CASE_SERVICE_UNAVAILABLE",
                        "case-service does not run beside this test (the reconciliation)")
                .send(HostileInput.requests(3_400));
    }
}
