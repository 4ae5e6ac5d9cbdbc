package cn.gridgov.dispatch;

import static cn.gridgov.dispatch.Callers.DISPATCHER;
import static cn.gridgov.dispatch.Callers.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.dispatch.CaseEvents.Snapshot;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.dispatch.supervision.SlaScanner;
import cn.gridgov.kit.testing.TopicTail;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * 跟踪督办: the current step's timers, fired from the database by the scan, with time moved by the test
 * clock.
 */
@QuarkusTest
class SupervisionTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @ConfigProperty(name = DispatchEvents.TOPIC_CONFIG)
    String dispatchEventsTopic;

    @Inject MovableClock clock;

    @Inject SlaScanner scanner;

    private static List<String> warnings(TopicTail tail, String caseId) {
        return warnings(tail.forSubject(caseId), caseId);
    }

    private static List<String> warnings(List<TopicTail.Received> received, String caseId) {
        return received.stream()
                .filter(r -> caseId.equals(r.event().path("subject").asText()))
                .filter(
                        r ->
                                r.event()
                                        .path("type")
                                        .asText()
                                        .equals(DispatchTypes.SLA_WARNING.name()))
                .map(r -> r.event().path("data"))
                .map(
                        d ->
                                d.path("color").asText()
                                        + "/"
                                        + d.path("action").asText()
                                        + "/"
                                        + d.path("escalationLevel").asInt())
                .toList();
    }

    @Inject AgroalDataSource db;

    /** The timer row as stored: "true", "false" or "none". */
    private String timerOpen(Snapshot s) throws Exception {
        try (var connection = db.getConnection();
                var query =
                        connection.prepareStatement(
                                "select open from sla_timer where case_id = ?")) {
            query.setObject(1, s.caseId());
            try (var rows = query.executeQuery()) {
                return rows.next() ? String.valueOf(rows.getBoolean(1)) : "none";
            }
        }
    }

    private void awaitRouted(Snapshot s) {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(
                        () ->
                                as(DISPATCHER)
                                        .get("/api/v1/routing-decisions/" + s.id())
                                        .then()
                                        .statusCode(200));
    }

    @Test
    @DisplayName(
            "a step turns yellow (urge) at its warn time and red (supervise) at its due time, then rises a level each interval, each firing once")
    void yellowThenRedWithRisingLevels() throws Exception {
        var now = clock.instant();
        var manhole =
                Snapshot.of("0101", "G07")
                        .timers(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(20)));
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, manhole);
            awaitRouted(manhole);

            clock.advance(Duration.ofMinutes(11));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings(tail, manhole.id()), w -> w.size() == 1);
            assertThat(warnings(tail, manhole.id())).containsExactly("YELLOW/URGE/0");
            // Written in SQL by the scan, enveloped as the kit's outbox envelopes everything else.
            assertThat(tail.forSubject(manhole.id()))
                    .filteredOn(
                            r ->
                                    r.event()
                                            .path("type")
                                            .asText()
                                            .equals(DispatchTypes.SLA_WARNING.name()))
                    .allSatisfy(
                            r -> {
                                assertThat(r.key()).isEqualTo(manhole.id());
                                assertThat(r.event().path("source").asText())
                                        .isEqualTo("/gridgov/dispatch-service");
                                assertThat(r.event().path("specversion").asText()).isEqualTo("1.0");
                            });

            clock.advance(Duration.ofMinutes(10));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings(tail, manhole.id()), w -> w.size() == 2);
            as(DISPATCHER)
                    .get("/api/v1/overdue-cases")
                    .then()
                    .statusCode(200)
                    .body(
                            "find { it.caseId == '" + manhole.id() + "' }.supervisionLevel",
                            equalTo(1))
                    .body(
                            "find { it.caseId == '" + manhole.id() + "' }.departmentCode",
                            equalTo("ZHZF"));

            clock.advance(Duration.ofMinutes(60));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings(tail, manhole.id()), w -> w.size() == 3);

            // Scans running side by side, as two instances would, fire nothing again.
            Uni.join()
                    .all(scanner.scanAll(), scanner.scanAll(), scanner.scanAll())
                    .andFailFast()
                    .await()
                    .indefinitely();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> warnings(tail, manhole.id()).size() == 3);
            assertThat(warnings(tail, manhole.id()))
                    .containsExactly("YELLOW/URGE/0", "RED/SUPERVISE/1", "RED/SUPERVISE/2");
        }
    }

    @Test
    @DisplayName(
            "an extended deadline replaces the timer: the case is green again and warns again at the new warn time")
    void extensionReplacesTheTimer() throws Exception {
        var now = clock.instant();
        var pothole =
                Snapshot.of("0102", "G07")
                        .timers(now.plus(Duration.ofMinutes(10)), now.plus(Duration.ofMinutes(20)));
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, pothole);
            awaitRouted(pothole);
            clock.advance(Duration.ofMinutes(11));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings(tail, pothole.id()), w -> w.size() == 1);

            var later = clock.instant();
            cases.publish(
                    CaseTypes.EXTENSION_APPROVED,
                    pothole.status("DISPATCHED", "HANDLE")
                            .timers(
                                    later.plus(Duration.ofMinutes(30)),
                                    later.plus(Duration.ofMinutes(40))));
            // The old due time passes without a red: the old timer is gone.
            await().atMost(Duration.ofSeconds(20))
                    .untilAsserted(
                            () ->
                                    as(DISPATCHER)
                                            .get("/api/v1/overdue-cases")
                                            .then()
                                            .body(
                                                    "findAll { it.caseId == '"
                                                            + pothole.id()
                                                            + "' }.size()",
                                                    equalTo(0)));
            clock.advance(Duration.ofMinutes(10));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(() -> warnings(tail, pothole.id()).size() == 1);

            clock.advance(Duration.ofMinutes(21));
            await().atMost(Duration.ofSeconds(20))
                    .until(() -> warnings(tail, pothole.id()), w -> w.size() == 2);
            assertThat(warnings(tail, pothole.id()))
                    .containsExactly("YELLOW/URGE/0", "YELLOW/URGE/0");
        }
    }

    @Test
    @DisplayName("a closed case's timer is dropped and never fires")
    void closedCaseNeverFires() throws Exception {
        var now = clock.instant();
        var dispute =
                Snapshot.of("0201", "G07")
                        .timers(now.plus(Duration.ofMinutes(5)), now.plus(Duration.ofMinutes(10)));
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            cases.publish(CaseTypes.ACCEPTED, dispute);
            awaitRouted(dispute);
            cases.publish(CaseTypes.CLOSED, dispute.status("CLOSED", null).timers(null, null));
            await().atMost(Duration.ofSeconds(30)).until(() -> timerOpen(dispute).equals("false"));
            clock.advance(Duration.ofMinutes(15));
            scanner.scanAll().await().indefinitely();
            await().during(Duration.ofSeconds(3))
                    .atMost(Duration.ofSeconds(5))
                    .until(() -> warnings(tail, dispute.id()).isEmpty());
        }
    }

    @Test
    @DisplayName(
            "many cases falling due together each warn exactly once, however many scans run at once")
    void manyCasesOnceEach() throws Exception {
        var now = clock.instant();
        var many =
                IntStream.range(0, 40)
                        .mapToObj(
                                i ->
                                        Snapshot.of("0104", "G07")
                                                .timers(
                                                        now.plus(Duration.ofMinutes(3)),
                                                        now.plus(Duration.ofHours(5))))
                        .toList();
        try (var tail = new TopicTail(bootstrap, dispatchEventsTopic);
                var cases = new CaseEvents(bootstrap)) {
            for (var s : many) {
                cases.publish(CaseTypes.ACCEPTED, s);
            }
            many.forEach(this::awaitRouted);
            clock.advance(Duration.ofMinutes(4));
            Uni.join()
                    .all(scanner.scanAll(), scanner.scanAll())
                    .andFailFast()
                    .await()
                    .indefinitely();
            await().atMost(Duration.ofSeconds(30))
                    .until(
                            tail::all,
                            all -> many.stream().allMatch(s -> warnings(all, s.id()).size() == 1));
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(4))
                    .until(
                            tail::all,
                            all ->
                                    many.stream()
                                            .allMatch(
                                                    s ->
                                                            warnings(all, s.id())
                                                                    .equals(
                                                                            List.of(
                                                                                    "YELLOW/URGE/0"))));
        }
    }
}
