package cn.gridgov.cases.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.kit.testing.Tokens;
import cn.gridgov.kit.testing.TopicTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Storm night (scenario 7): phones send a burst of reports, case-service is killed with SIGKILL in
 * the middle and started again, and the phones keep resending whatever got no answer, as they do.
 * Afterwards every report is exactly one case and every case's report event is on Kafka. The burst
 * is {@code -Dstorm.reports} reports (300 by default, to keep the build short).
 */
class StormNightJourneyIT {

    private static final String KAFKA =
            System.getProperty("kafka.bootstrap.servers", "127.0.0.1:9092");
    private static final int REPORTS = Integer.getInteger("storm.reports", 300);
    private static final int PHONES = 16;
    private static final int GRID_PORT = 28181;
    private static final int CASE_PORT = 28182;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static ServiceProcess grid;
    private static volatile ServiceProcess cases;

    @BeforeAll
    static void startTheSystem() throws Exception {
        grid =
                new ServiceProcess("grid-service", GRID_PORT, "gridgov.demo-town.enabled=true")
                        .start();
        cases = caseService().start();
        grid.awaitReady(Duration.ofSeconds(120));
        cases.awaitReady(Duration.ofSeconds(120));
    }

    private static ServiceProcess caseService() {
        return new ServiceProcess(
                "case-service",
                CASE_PORT,
                "gridgov.grid-service.url=http://127.0.0.1:" + GRID_PORT,
                // The real grid-service is the staff directory here (a test profile may point it at
                // a stand-in).
                "quarkus.rest-client.staff-directory.url=http://127.0.0.1:" + GRID_PORT,
                "mp.messaging.incoming.dispatch-events.group.id=case-service-storm");
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        if (cases != null) {
            cases.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    @Test
    @DisplayName(
            "a burst of reports survives case-service being killed mid-way: each report is one case and each case is on Kafka")
    void reportsSurviveAKill() throws Exception {
        var reportIds = new ArrayList<UUID>();
        for (int i = 0; i < REPORTS; i++) {
            reportIds.add(UUID.randomUUID());
        }
        var caseOfReport = new ConcurrentHashMap<UUID, String>();
        var answered = new AtomicInteger();
        var client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        // The workers signed in before the storm (a phone keeps its token; it does not sign in per
        // report).
        for (int grid = 1; grid <= 8; grid++) {
            Tokens.of("G0" + grid + "-2");
        }
        Tokens.of("CC-DUTY_CHIEF-1");

        try (var caseEvents = new TopicTail(KAFKA, ServiceProcess.CASE_EVENTS)) {
            var phones = Executors.newFixedThreadPool(PHONES);
            for (var reportId : reportIds) {
                phones.submit(
                        () -> {
                            caseOfReport.put(reportId, sendUntilAnswered(client, reportId));
                            answered.incrementAndGet();
                            return null;
                        });
            }

            await().atMost(Duration.ofMinutes(2)).until(() -> answered.get() >= REPORTS / 3);
            cases.kill();
            cases = caseService().start();
            cases.awaitReady(Duration.ofSeconds(120));

            phones.shutdown();
            assertThat(phones.awaitTermination(5, TimeUnit.MINUTES))
                    .as("every phone got its answer")
                    .isTrue();

            Set<String> caseIds = new HashSet<>(caseOfReport.values());
            assertThat(caseOfReport).hasSize(REPORTS);
            assertThat(caseIds).as("one case per report").hasSize(REPORTS);
            for (var reportId : reportIds) {
                var c = get(client, "/api/v1/cases/by-report/" + reportId);
                assertThat(c.path("id").asText()).isEqualTo(caseOfReport.get(reportId));
            }

            await().atMost(Duration.ofSeconds(60))
                    .until(
                            () -> {
                                Set<String> published = new HashSet<>();
                                caseEvents.all().stream()
                                        .filter(
                                                r ->
                                                        r.event()
                                                                .path("type")
                                                                .asText()
                                                                .equals(CaseTypes.REPORTED.name()))
                                        .forEach(
                                                r ->
                                                        published.add(
                                                                r.event()
                                                                        .path("subject")
                                                                        .asText()));
                                return published.containsAll(caseIds);
                            });
        }
    }

    /**
     * What a phone does: send, and on no answer or a server error wait a moment and send the same
     * report again.
     */
    private static String sendUntilAnswered(HttpClient client, UUID reportId)
            throws InterruptedException {
        var random = ThreadLocalRandom.current();
        // Grid workers of the town's grids report from their phones, each signed in (通办: wherever
        // they are).
        var worker = "G0" + (1 + Math.floorMod(reportId.hashCode(), 8)) + "-2";
        var body =
                String.format(
                        Locale.ROOT,
                        "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\","
                                + "\"category\":\"0106\",\"description\":\"积水 flooded street\",\"longitude\":%.6f,\"latitude\":%.6f}",
                        reportId,
                        119.1005 + random.nextDouble() * 0.079,
                        35.0005 + random.nextDouble() * 0.047);
        while (true) {
            try {
                var response =
                        client.send(
                                HttpRequest.newBuilder(
                                                URI.create(cases.baseUrl() + "/api/v1/reports"))
                                        .timeout(Duration.ofSeconds(10))
                                        .header("Content-Type", "application/json")
                                        .header("Authorization", "Bearer " + Tokens.of(worker))
                                        .POST(HttpRequest.BodyPublishers.ofString(body))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 || response.statusCode() == 201) {
                    return JSON.readTree(response.body()).path("id").asText();
                }
            } catch (IOException | IllegalStateException noSignal) {
                // the service is down or the connection broke: try again
            }
            Thread.sleep(200);
        }
    }

    private static com.fasterxml.jackson.databind.JsonNode get(HttpClient client, String path)
            throws Exception {
        var response =
                client.send(
                        HttpRequest.newBuilder(URI.create(cases.baseUrl() + path))
                                .header("Authorization", "Bearer " + Tokens.of("CC-DUTY_CHIEF-1"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(path).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
