package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.kit.testing.ContractEvents;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Warnings before a deadline is missed: a history of steps played as case-service's snapshots on
 * the real Kafka (each step's start, deadline and end as case-service would announce them, a month
 * ago), kept by the consumer, and the forecast of open cases read through the API. Categories no
 * other test of the module uses: 污水排放 (0601) handled by ecology (STHJ) always late, 危化品 (0402)
 * handled by emergency management (YJJ) always in time; every run adds the same history again.
 */
@QuarkusTest
public class ForecastTest {

    private static final String SUPERVISOR = "CC-SUPERVISOR-1";

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject MovableClock clock;

    @Test
    @DisplayName(
            "a case whose category and department's history says it will be late is flagged from its step's start, long before yellow; one whose history says it finishes in time is not")
    void historyDecidesTheRisk() throws Exception {
        var now = clock.instant();
        try (var cases = new CaseEvents(bootstrap)) {
            for (int i = 0; i < 6; i++) {
                // A month ago: ten hours allowed to handle; ecology took fifteen, emergency
                // management five.
                var start = now.minus(Duration.ofDays(30)).plus(Duration.ofHours(i));
                handledInPast(cases, "0601", "STHJ", start, 15);
                handledInPast(cases, "0402", "YJJ", start, 5);
            }
            var late = handling(cases, "0601", "STHJ", now);
            var inTime = handling(cases, "0402", "YJJ", now);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(SUPERVISOR)
                                            .get("/api/v1/cases/" + late + "/finish-forecast")
                                            .then()
                                            .statusCode(200)
                                            .body("atRisk", equalTo(true))
                                            .body("basis", equalTo("CATEGORY_DEPARTMENT_STEP"))
                                            .body("lateShare", equalTo(1.0f)));
            var lateForecast =
                    JsonPath.from(
                            as(SUPERVISOR)
                                    .get("/api/v1/cases/" + late + "/finish-forecast")
                                    .asString());
            assertThat(Instant.parse(lateForecast.getString("predictedFinishAt")))
                    .isAfter(Instant.parse(lateForecast.getString("stepDueAt")));
            assertThat(Instant.parse(lateForecast.getString("stepWarnAt"))).isAfter(now);

            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(
                            () ->
                                    as(SUPERVISOR)
                                            .get("/api/v1/cases/" + inTime + "/finish-forecast")
                                            .then()
                                            .statusCode(200)
                                            .body("basis", equalTo("CATEGORY_DEPARTMENT_STEP"))
                                            .body("atRisk", equalTo(false))
                                            .body("lateShare", equalTo(0.0f)));
            var inTimeForecast =
                    JsonPath.from(
                            as(SUPERVISOR)
                                    .get("/api/v1/cases/" + inTime + "/finish-forecast")
                                    .asString());
            assertThat(Instant.parse(inTimeForecast.getString("predictedFinishAt")))
                    .isBefore(Instant.parse(inTimeForecast.getString("stepDueAt")));

            List<String> atRisk =
                    JsonPath.from(
                                    as(Callers.DISPATCHER)
                                            .get("/api/v1/at-risk-cases")
                                            .then()
                                            .statusCode(200)
                                            .extract()
                                            .asString())
                            .getList("caseId");
            assertThat(atRisk).contains(late).doesNotContain(inTime);
        }
    }

    @Test
    @DisplayName("the forecast is for those who supervise; a case no file names is a 404")
    void whoReadsTheForecast() {
        as("G07-2")
                .get("/api/v1/at-risk-cases")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as("ZHZF-1")
                .get("/api/v1/cases/2099-000000001/finish-forecast")
                .then()
                .statusCode(403)
                .body("code", equalTo("NOT_FOR_YOUR_ROLE"));
        as(SUPERVISOR)
                .get("/api/v1/cases/" + UUID.randomUUID() + "/finish-forecast")
                .then()
                .statusCode(404);
        as(SUPERVISOR)
                .get("/api/v1/cases/not-a-case/finish-forecast")
                .then()
                .statusCode(400)
                .body("code", equalTo("MALFORMED_CASE_REF"));
    }

    /**
     * A case handled by this department from {@code start}, ten hours allowed, its result in after
     * this many hours.
     */
    public static void handledInPast(
            CaseEvents cases, String category, String department, Instant start, int hours)
            throws Exception {
        var caseId = UUID.randomUUID();
        var end = start.plus(Duration.ofHours(hours));
        publish(
                cases,
                CaseTypes.HANDLING,
                start,
                snapshot(caseId, "HANDLING", category, department, "HANDLE", start, 10));
        publish(
                cases,
                CaseTypes.RESULT_SUBMITTED,
                end,
                snapshot(caseId, "RESULT_SUBMITTED", category, department, "CHECK", end, 2));
    }

    /** An open case handled by this department for an hour now, nine hours left; answers its id. */
    public static String handling(CaseEvents cases, String category, String department, Instant now)
            throws Exception {
        var caseId = UUID.randomUUID();
        var start = now.minus(Duration.ofHours(1));
        publish(
                cases,
                CaseTypes.HANDLING,
                now,
                snapshot(caseId, "HANDLING", category, department, "HANDLE", start, 10));
        return caseId.toString();
    }

    private static CaseSnapshot snapshot(
            UUID caseId,
            String status,
            String category,
            String department,
            String step,
            Instant start,
            int hoursAllowed) {
        var allowed = Duration.ofHours(hoursAllowed);
        return new CaseSnapshot(
                caseId,
                "2099-" + String.format("%09d", Math.floorMod(caseId.hashCode(), 1_000_000_000)),
                status,
                true,
                category,
                "NORMAL",
                "GRID_WORKER",
                "G07",
                List.of(),
                119.165,
                35.004,
                null,
                step,
                start,
                start.plus(allowed.multipliedBy(8).dividedBy(10)),
                start.plus(allowed),
                department,
                new cn.gridgov.contracts.Actor(null, "SYSTEM", null));
    }

    private static void publish(
            CaseEvents cases, EventType<CaseSnapshot> type, Instant at, CaseSnapshot snapshot)
            throws Exception {
        cases.publishRaw(
                snapshot.caseId().toString(),
                ContractEvents.json(
                        UUID.randomUUID(),
                        "case-service",
                        type,
                        snapshot.caseId().toString(),
                        at,
                        snapshot));
    }
}
