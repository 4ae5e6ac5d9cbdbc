package cn.gridgov.cases.journey;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gridgov.kit.testing.Tokens;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * dispatch-service's reconciliation of both services' views, as a journey asks it: once the events
 * have settled, it must list no difference at all.
 */
final class Reconciled {

    private Reconciled() {}

    /** The report, read as a supervisor. */
    static JsonPath report(String dispatchUrl) {
        return given().auth()
                .oauth2(Tokens.of("CC-SUPERVISOR-1"))
                .baseUri(dispatchUrl)
                .when()
                .get("/api/v1/reconciliation")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /**
     * Waits until nothing is unsettled (no event in flight) and answers the differences then
     * listed.
     */
    static Set<String> settledDifferences(String dispatchUrl) {
        var report =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> report(dispatchUrl), r -> r.getInt("unsettled") == 0);
        List<Map<String, Object>> differences = report.getList("differences");
        var listed = new TreeSet<String>();
        differences.forEach(
                d ->
                        listed.add(
                                d.get("caseNumber")
                                        + " "
                                        + d.get("field")
                                        + ": case-service "
                                        + d.get("caseService")
                                        + ", dispatch-service "
                                        + d.get("dispatch")));
        return listed;
    }

    /**
     * Once the events have settled, no difference anywhere that was not there before the journeys
     * began ({@code before}): the journey databases outlive a run, and a difference left by an
     * earlier build stays listed until someone puts it right, which must not hide a new one.
     */
    static void assertNoNewDifference(String dispatchUrl, Set<String> before) {
        assertThat(settledDifferences(dispatchUrl))
                .as(
                        "differences between case-service and dispatch-service"
                                + " that were not there before the journeys (those were: "
                                + before
                                + ")")
                .isSubsetOf(before);
    }

    /**
     * Waits until none of these cases is unsettled, then asserts none of them differs; answers the
     * last report.
     */
    static JsonPath assertNoDifference(String dispatchUrl, Collection<String> caseIds) {
        var report =
                await().atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(
                                () -> report(dispatchUrl),
                                r ->
                                        r.getList("unsettledCases", String.class).stream()
                                                .noneMatch(caseIds::contains));
        List<Map<String, Object>> differences = report.getList("differences");
        assertThat(
                        differences.stream()
                                .filter(d -> caseIds.contains((String) d.get("caseId")))
                                .toList())
                .as("differences between case-service and dispatch-service about these cases")
                .isEmpty();
        return report;
    }
}
