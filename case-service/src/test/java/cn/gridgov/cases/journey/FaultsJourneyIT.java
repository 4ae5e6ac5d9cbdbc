package cn.gridgov.cases.journey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gridgov.kit.testing.AfterFaults;
import cn.gridgov.kit.testing.Tokens;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Never stall, never lose: two instances of each service (same databases and consumer groups) on
 * the test's own PostgreSQL cluster and Kafka broker ({@link FaultInfra}), under a bounded load of
 * reports and acceptances from phones that resend what got no answer. Meanwhile each service is
 * killed with SIGKILL (grid-service's two instances together: intake keeps its reports;
 * dispatch-service's two together, while SLA timers and whistle escalations fall due), the broker
 * is killed (intake and commands answer; the outbox drains when it returns), PostgreSQL is stopped
 * (503 with Retry-After, recovery without a restart), and every instance is restarted gracefully in
 * turn (a rolling restart: requests in flight are answered, offsets committed). Afterwards the
 * counts are printed and asserted. {@code -Dfaults.reports} bounds the load (400 by default; {@code
 * deploy/stack.sh faults} sends 3,000), {@code -Dfaults.rate} paces it (reports a second).
 */
class FaultsJourneyIT {

    private static final int REPORTS = Integer.getInteger("faults.reports", 400);
    private static final int RATE = Integer.getInteger("faults.rate", 1);
    private static final int PHONES = 8;
    private static final Duration READY = Duration.ofMinutes(6);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder()
                    .version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(2))
                    .build();

    private static FaultInfra infra;
    private static final ServiceProcess[] grids = new ServiceProcess[2];
    private static final ServiceProcess[] dispatches = new ServiceProcess[2];
    private static final ServiceProcess[] cases = new ServiceProcess[2];

    /** Requests an instance dropped without an answer while it stopped gracefully. */
    private static final AtomicInteger cutOff = new AtomicInteger();

    private static volatile ServiceProcess stopping;

    /** The longest a graceful stop took, in milliseconds. */
    private static final java.util.concurrent.atomic.AtomicLong slowestGracefulStop =
            new java.util.concurrent.atomic.AtomicLong();

    /** Graceful stops that waited out the time allowed for the requests in flight. */
    private static final AtomicInteger stopsTimedOut = new AtomicInteger();

    @BeforeAll
    static void startTheSystem() throws Exception {
        infra = FaultInfra.up();
        // A few at a time: six JVMs starting at once on a busy machine outwait the identity
        // provider's answers. The first grid-service and the first case-service alone: two loading
        // the demo town or the category catalogue into an empty database at once collide on its
        // keys, and the second fails to start.
        grids[0] = grid(0).start();
        grids[0].awaitReady(READY);
        grids[1] = grid(1).start();
        for (int i = 0; i < 2; i++) {
            dispatches[i] = dispatch(i).start();
        }
        cases[0] = caseService(0).start();
        awaitReady(grids);
        awaitReady(dispatches);
        cases[0].awaitReady(READY);
        cases[1] = caseService(1).start();
        cases[1].awaitReady(READY);
    }

    private static void awaitReady(ServiceProcess[] pair) throws Exception {
        for (var service : pair) {
            service.awaitReady(READY);
        }
    }

    @AfterAll
    static void stopTheSystem() throws Exception {
        for (var service : all()) {
            if (service != null) {
                service.kill();
            }
        }
        if (infra != null) {
            infra.close();
        }
    }

    private static List<ServiceProcess> all() {
        var all = new ArrayList<ServiceProcess>();
        // Arrays.asList, not List.of: an instance that never started is null.
        all.addAll(Arrays.asList(grids));
        all.addAll(Arrays.asList(dispatches));
        all.addAll(Arrays.asList(cases));
        return all;
    }

    private static int port(String service, int instance) {
        return 29181
                + (service.equals("case-service") ? 1 : service.equals("dispatch-service") ? 2 : 0)
                + 10 * instance;
    }

    private static ServiceProcess grid(int instance) {
        return new ServiceProcess(
                "grid-service",
                port("grid-service", instance),
                FaultInfra.INFRA,
                "gridgov.demo-town.enabled=true");
    }

    private static ServiceProcess dispatch(int instance) {
        var grid = "http://127.0.0.1:" + port("grid-service", instance);
        return new ServiceProcess(
                "dispatch-service",
                port("dispatch-service", instance),
                FaultInfra.INFRA,
                "mp.messaging.incoming.case-events.group.id=dispatch-service-faults",
                "mp.messaging.incoming.grid-events.group.id=dispatch-service-faults-grid",
                "gridgov.grid-service.url=" + grid,
                "quarkus.rest-client.staff-directory.url=" + grid,
                "quarkus.rest-client.case-service.url=http://127.0.0.1:"
                        + port("case-service", instance),
                // A hard-case whistle's half hour, and leadership's next half hour, pass in
                // seconds.
                "gridgov.whistle.hard-case-deadline=20S",
                "gridgov.whistle.leadership-after=5S");
    }

    private static ServiceProcess caseService(int instance) {
        var grid = "http://127.0.0.1:" + port("grid-service", instance);
        return new ServiceProcess(
                "case-service",
                port("case-service", instance),
                FaultInfra.INFRA,
                "gridgov.grid-service.url=" + grid,
                "quarkus.rest-client.staff-directory.url=" + grid,
                "mp.messaging.incoming.dispatch-events.group.id=case-service-faults");
    }

    @Test
    @DisplayName(
            "under load, each service killed, Kafka killed, PostgreSQL stopped and every instance restarted:"
                    + " one case per report, both services agree, every due timer and escalation fired once")
    void nothingStallsNothingIsLost() throws Exception {
        for (int grid = 1; grid <= 8; grid++) {
            Tokens.of("G0" + grid + "-2");
        }
        Tokens.of("CC-DUTY_CHIEF-1");
        Tokens.of("CC-DISPATCHER-1");
        Tokens.of("CC-SUPERVISOR-1");

        var caseOfReport = new ConcurrentHashMap<UUID, String>();
        var accepted = ConcurrentHashMap.<String>newKeySet();
        var sent = new AtomicInteger();
        var loadOver = new AtomicBoolean();
        var phones = Executors.newFixedThreadPool(PHONES);
        for (int p = 0; p < PHONES; p++) {
            phones.submit(
                    () -> {
                        var pause = Duration.ofMillis(1000L * PHONES / RATE);
                        while (!loadOver.get() && sent.incrementAndGet() <= REPORTS) {
                            var reportId = UUID.randomUUID();
                            var caseId = report(reportId);
                            caseOfReport.put(reportId, caseId);
                            if (accept(caseId)) {
                                accepted.add(caseId);
                            }
                            Thread.sleep(pause.toMillis());
                        }
                        return null;
                    });
        }
        var counts = new LinkedHashMap<String, Object>();
        await().atMost(Duration.ofMinutes(3)).until(() -> accepted.size() >= 10);

        // grid-service down, both instances: intake keeps the report (located when it is back). The
        // reporter is one both case-service instances have asked grid-service about already (they
        // keep the answer, as they do for every signed-in worker).
        for (var c : cases) {
            await().atMost(Duration.ofMinutes(1))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    post(
                                                                    c.baseUrl() + "/api/v1/reports",
                                                                    "G07-2",
                                                                    reportBody(UUID.randomUUID()))
                                                            .statusCode()
                                                    / 100
                                            == 2);
        }
        for (var g : grids) {
            g.kill();
        }
        var reportedWhileGridDown = report(UUID.randomUUID(), "G07-2");
        counts.put("report answered while grid-service was down", reportedWhileGridDown);
        restart(grids, FaultsJourneyIT::grid, false);

        // case-service: one instance killed; the phones resend to the other.
        cases[0].kill();
        restart(cases, FaultsJourneyIT::caseService, false);

        // dispatch-service, both instances killed while timers and escalations fall due.
        await().atMost(Duration.ofMinutes(2)).until(() -> dispatchKnows(accepted) >= 5);
        var whistles = new ArrayList<String>();
        for (var caseId : accepted.stream().limit(3).toList()) {
            whistles.add(blowWhistle(caseId));
        }
        int timersMadeDue = makeTimersDueSoon(20);
        var dispatchDown = Instant.now();
        for (var d : dispatches) {
            d.kill();
        }
        Thread.sleep(30_000);
        var dispatchBack = Instant.now();
        restart(dispatches, FaultsJourneyIT::dispatch, false);
        counts.put("SLA timers set to fall due while dispatch-service was down", timersMadeDue);
        counts.put(
                "whistles whose departments fall due while dispatch-service was down",
                whistles.size());

        // Kafka killed: intake and commands still answer; the outbox drains when it returns.
        infra.killKafka();
        var whileKafkaDown = new ArrayList<String>();
        for (int i = 0; i < 5; i++) {
            var caseId = report(UUID.randomUUID());
            assertThat(accept(caseId)).as("an acceptance while Kafka is down").isTrue();
            whileKafkaDown.add(caseId);
        }
        counts.put("reports accepted while Kafka was down", whileKafkaDown.size());
        Thread.sleep(5_000);
        infra.startKafka();

        // PostgreSQL stopped: a clear 503 with Retry-After; recovery without a restart.
        infra.stopPostgres();
        var refused =
                post(
                        cases[0].baseUrl() + "/api/v1/reports",
                        "G07-2",
                        reportBody(UUID.randomUUID()));
        assertThat(refused.statusCode()).as("a report while PostgreSQL is down").isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).as("Retry-After").isPresent();
        assertThat(JSON.readTree(refused.body()).path("code").asText())
                .isEqualTo("TEMPORARILY_UNAVAILABLE");
        var refusedRead =
                get(dispatches[0].baseUrl() + "/api/v1/dispatch-queue", "CC-DISPATCHER-1");
        assertThat(refusedRead.statusCode())
                .as("the dispatch queue while PostgreSQL is down")
                .isEqualTo(503);
        assertThat(refusedRead.headers().firstValue("Retry-After")).isPresent();
        var refusedArea = get(grids[0].baseUrl() + "/api/v1/areas/G07", "G07-2");
        assertThat(refusedArea.statusCode()).as("a grid while PostgreSQL is down").isEqualTo(503);
        assertThat(refusedArea.headers().firstValue("Retry-After")).isPresent();
        infra.startPostgres();
        for (var c : cases) {
            await().atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofSeconds(1))
                    .ignoreExceptions()
                    .until(
                            () ->
                                    post(
                                                                    c.baseUrl() + "/api/v1/reports",
                                                                    "G07-2",
                                                                    reportBody(UUID.randomUUID()))
                                                            .statusCode()
                                                    / 100
                                            == 2);
        }
        counts.put(
                "instances that recovered from PostgreSQL's restart without a restart",
                cases.length);

        // A rolling restart: each instance stopped gracefully (SIGTERM) and started again.
        restart(grids, FaultsJourneyIT::grid, true);
        restart(dispatches, FaultsJourneyIT::dispatch, true);
        restart(cases, FaultsJourneyIT::caseService, true);

        loadOver.set(true);
        phones.shutdown();
        assertThat(phones.awaitTermination(5, TimeUnit.MINUTES))
                .as("every phone got its answers")
                .isTrue();

        settleAndCheck(caseOfReport, reportedWhileGridDown, counts, dispatchDown, dispatchBack);
    }

    private void settleAndCheck(
            Map<UUID, String> caseOfReport,
            String reportedWhileGridDown,
            Map<String, Object> counts,
            Instant dispatchDown,
            Instant dispatchBack)
            throws Exception {
        try (var caseDb = AfterFaults.of(FaultInfra.jdbcUrl("cases_journey"));
                var dispatchDb = AfterFaults.of(FaultInfra.jdbcUrl("dispatch_journey"));
                var gridDb = AfterFaults.of(FaultInfra.jdbcUrl("grid_journey"))) {
            await().atMost(Duration.ofMinutes(3))
                    .pollInterval(Duration.ofSeconds(2))
                    .until(
                            () ->
                                    caseDb.unsentEvents()
                                                    + dispatchDb.unsentEvents()
                                                    + gridDb.unsentEvents()
                                            == 0);
            var differences = Reconciled.settledDifferences(dispatches[0].baseUrl());

            counts.put("reports answered by the phones", caseOfReport.size());
            counts.put(
                    "distinct cases they were answered with",
                    Set.copyOf(caseOfReport.values()).size());
            counts.put("cases in case-service", caseDb.count("select count(*) from cases"));
            long reportsWithoutOneCase = 0;
            for (var entry : caseOfReport.entrySet()) {
                if (caseDb.count(
                                "select count(*) from case_reporter where report_id = ? and case_id = ?",
                                entry.getKey(),
                                UUID.fromString(entry.getValue()))
                        != 1) {
                    reportsWithoutOneCase++;
                }
            }
            counts.put("reports that are not exactly one case", reportsWithoutOneCase);
            counts.put(
                    "cases accepted",
                    caseDb.count(
                            "select count(*) from cases where status <> 'REPORTED' and status <> 'VERIFIED'"));
            counts.put(
                    "cases dispatch-service knows",
                    dispatchDb.count("select count(*) from case_file"));
            counts.put("differences between case-service and dispatch-service", differences.size());
            long stuck = casesWithoutALiveTimer(caseDb);
            counts.put("open cases in a step with a deadline but no live timer", stuck);
            counts.put("SLA firings", dispatchDb.count("select count(*) from sla_firing"));
            counts.put(
                    "SLA firings due while dispatch-service was down",
                    dispatchDb.count(
                            "select count(*) from sla_firing where due_at between ? and ?",
                            java.sql.Timestamp.from(dispatchDown),
                            java.sql.Timestamp.from(dispatchBack)));
            counts.put("dispatch.sla-warning events", dispatchDb.events("dispatch.sla-warning"));
            long timersOverdue =
                    dispatchDb.count(
                            "select count(*) from sla_timer where open and next_fire_at < now() - interval '10 seconds'");
            counts.put("SLA timers past due and not fired", timersOverdue);
            long slaTwice =
                    dispatchDb.keysWrittenTwice(
                            "dispatch.sla-warning",
                            "caseId",
                            "step",
                            "color",
                            "escalationLevel",
                            "dueAt");
            counts.put("SLA firings written twice", slaTwice);
            counts.put("whistle escalations", dispatchDb.count("select count(*) from escalation"));
            counts.put(
                    "whistle escalations due while dispatch-service was down",
                    dispatchDb.count(
                            "select count(*) from escalation e join whistle w on w.id = e.whistle_id"
                                    + " where w.report_by between ? and ?",
                            java.sql.Timestamp.from(dispatchDown),
                            java.sql.Timestamp.from(dispatchBack)));
            counts.put("dispatch.escalated events", dispatchDb.events("dispatch.escalated"));
            long escalationsTwice =
                    dispatchDb.keysWrittenTwice(
                            "dispatch.escalated", "whistleId", "departmentCode", "level");
            counts.put("escalations written twice", escalationsTwice);
            long escalationsMissing =
                    dispatchDb.count(
                            "select count(*) from whistle_summons s join whistle w on w.id = s.whistle_id"
                                    + " where w.state = 'OPEN' and not s.arrived"
                                    + " and s.next_escalation_at < now() - interval '10 seconds'");
            counts.put("escalations past due and not fired", escalationsMissing);
            long parked =
                    caseDb.parkedRecords() + dispatchDb.parkedRecords() + gridDb.parkedRecords();
            counts.put("parked records", parked);
            // Consumers commit what they applied every few seconds (and the SLA warnings' group
            // reads the dispatch events again, behind the main one): each group is given a minute
            // to catch up, and a group still behind then is reported with its count.
            var topics =
                    Set.of(
                            ServiceProcess.CASE_EVENTS,
                            ServiceProcess.DISPATCH_EVENTS,
                            "grid-events.journey");
            var uncommitted =
                    AfterFaults.uncommittedRecords(
                            FaultInfra.INFRA.kafka(), topics, FaultsJourneyIT::perInstance);
            for (int waited = 0;
                    waited < 60 && uncommitted.values().stream().anyMatch(lag -> lag != 0);
                    waited += 2) {
                Thread.sleep(2_000);
                uncommitted =
                        AfterFaults.uncommittedRecords(
                                FaultInfra.INFRA.kafka(), topics, FaultsJourneyIT::perInstance);
            }
            counts.put("records consumed but not committed, by group", uncommitted);
            for (var behind : uncommitted.entrySet()) {
                if (behind.getValue() != 0) {
                    System.out.println(
                            "behind: "
                                    + AfterFaults.whereBehind(
                                            FaultInfra.INFRA.kafka(), behind.getKey(), topics));
                }
            }
            counts.put("requests cut off by a graceful stop", cutOff.get());
            counts.put(
                    "graceful stops that waited out the time allowed for requests",
                    stopsTimedOut.get());
            counts.put("the slowest graceful stop, ms", slowestGracefulStop.get());

            System.out.println("fault test counts:");
            counts.forEach((what, count) -> System.out.printf("  %-75s %s%n", what, count));

            assertThat(Set.copyOf(caseOfReport.values()))
                    .as("one case per report")
                    .hasSize(caseOfReport.size());
            assertThat(reportsWithoutOneCase).as("reports that are not exactly one case").isZero();
            assertThat(differences)
                    .as("differences between case-service and dispatch-service")
                    .isEmpty();
            assertThat(stuck).as("open cases without a live timer").isZero();
            assertThat(timersOverdue).as("SLA timers past due and not fired").isZero();
            assertThat(slaTwice).as("SLA firings written twice").isZero();
            assertThat(dispatchDb.events("dispatch.sla-warning"))
                    .as("one event per SLA firing")
                    .isEqualTo(dispatchDb.count("select count(*) from sla_firing"));
            assertThat((long) counts.get("SLA firings due while dispatch-service was down"))
                    .as("SLA firings due while dispatch-service was down")
                    .isPositive();
            assertThat(escalationsMissing).as("escalations past due and not fired").isZero();
            assertThat(escalationsTwice).as("escalations written twice").isZero();
            assertThat(dispatchDb.events("dispatch.escalated"))
                    .as("one event per escalation")
                    .isEqualTo(dispatchDb.count("select count(*) from escalation"));
            assertThat((long) counts.get("whistle escalations due while dispatch-service was down"))
                    .as("whistle escalations due while dispatch-service was down")
                    .isPositive();
            assertThat(parked).as("parked records").isZero();
            assertThat(uncommitted.values())
                    .as("records consumed but not committed")
                    .allMatch(lag -> lag == 0);
            assertThat(cutOff.get()).as("requests cut off by a graceful stop").isZero();
            // A stop ends when its requests are answered, not when the time allowed for them
            // runs out (then its consumers commit and leave their groups).
            assertThat(stopsTimedOut.get())
                    .as("graceful stops that waited out the time allowed for requests")
                    .isZero();
        }
    }

    /** case-service's grid cache reads grid events in a group of each instance's own. */
    private static boolean perInstance(String group) {
        return group.startsWith("case-service-grid-cache-");
    }

    /**
     * Open cases whose step runs a clock in case-service, with no open timer of that step in
     * dispatch-service.
     */
    private static long casesWithoutALiveTimer(AfterFaults caseDb) throws Exception {
        var stepOfCase = new HashMap<UUID, String>();
        try (var connection =
                        DriverManager.getConnection(
                                FaultInfra.jdbcUrl("cases_journey"), "gridgov", "gridgov");
                var rows =
                        connection
                                .createStatement()
                                .executeQuery(
                                        "select id, step from cases where is_open and step_due_at is not null")) {
            while (rows.next()) {
                stepOfCase.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        var timerOfCase = new HashMap<UUID, String>();
        try (var connection =
                        DriverManager.getConnection(
                                FaultInfra.jdbcUrl("dispatch_journey"), "gridgov", "gridgov");
                var rows =
                        connection
                                .createStatement()
                                .executeQuery("select case_id, step from sla_timer where open")) {
            while (rows.next()) {
                timerOfCase.put(rows.getObject(1, UUID.class), rows.getString(2));
            }
        }
        return stepOfCase.entrySet().stream()
                .filter(c -> !c.getValue().equals(timerOfCase.get(c.getKey())))
                .count();
    }

    /** How many of these cases dispatch-service has a file of. */
    private static long dispatchKnows(Set<String> caseIds) throws Exception {
        try (var db = AfterFaults.of(FaultInfra.jdbcUrl("dispatch_journey"))) {
            return db.count(
                    "select count(*) from case_file where case_id::text = any (?)",
                    (Object) caseIds.toArray(String[]::new));
        }
    }

    /**
     * Time passes: some open timers are moved so that their warning and deadline fall due in the
     * seconds after, while dispatch-service is down. Answers how many.
     */
    private static int makeTimersDueSoon(int how) throws Exception {
        try (var connection =
                        DriverManager.getConnection(
                                FaultInfra.jdbcUrl("dispatch_journey"), "gridgov", "gridgov");
                var statement =
                        connection.prepareStatement(
                                "update sla_timer set warn_at = now() + interval '8 seconds',"
                                        + " due_at = now() + interval '12 seconds',"
                                        + " next_fire_at = now() + interval '8 seconds'"
                                        + " where case_id in (select case_id from sla_timer where open"
                                        + " and not yellow_fired and red_level = 0 limit ?)")) {
            statement.setInt(1, how);
            return statement.executeUpdate();
        }
    }

    /** Restarts instances one at a time: after a kill (the dead ones), or gracefully (SIGTERM). */
    private static void restart(
            ServiceProcess[] instances,
            java.util.function.IntFunction<ServiceProcess> start,
            boolean graceful)
            throws Exception {
        for (int i = 0; i < instances.length; i++) {
            if (graceful) {
                stopping = instances[i];
                var stop = instances[i].stop();
                stopping = null;
                slowestGracefulStop.accumulateAndGet(stop.took().toMillis(), Math::max);
                if (stop.timedOut()) {
                    stopsTimedOut.incrementAndGet();
                }
            } else if (instances[i].isAlive()) {
                continue;
            }
            instances[i] = start.apply(i).start();
            instances[i].awaitReady(READY);
        }
    }

    /** What a phone does: send, and on no answer or a 5xx send the same report again. */
    private static String report(UUID reportId) throws Exception {
        return report(reportId, "G0" + (1 + Math.floorMod(reportId.hashCode(), 8)) + "-2");
    }

    private static String report(UUID reportId, String worker) throws Exception {
        var body = reportBody(reportId);
        for (int attempt = 0; ; attempt++) {
            var response = tryPost(cases[attempt % 2], "/api/v1/reports", worker, body);
            if (response != null
                    && (response.statusCode() == 200 || response.statusCode() == 201)) {
                return JSON.readTree(response.body()).path("id").asText();
            }
            Thread.sleep(200);
        }
    }

    private static String reportBody(UUID reportId) {
        var random = ThreadLocalRandom.current();
        return String.format(
                Locale.ROOT,
                "{\"reportId\":\"%s\",\"source\":\"GRID_WORKER\",\"category\":\"0106\","
                        + "\"description\":\"积水 flooded street\",\"longitude\":%.6f,\"latitude\":%.6f}",
                reportId,
                119.1005 + random.nextDouble() * 0.079,
                35.0005 + random.nextDouble() * 0.047);
    }

    /**
     * The duty chief accepts the case, resending on no answer; true once accepted (a 409 after a
     * resend: the first attempt was applied), false if the case cannot be accepted (not verified:
     * reported while grid-service was down).
     */
    private static boolean accept(String caseId) throws Exception {
        for (int attempt = 0; ; attempt++) {
            var response =
                    tryPost(
                            cases[attempt % 2],
                            "/api/v1/cases/" + caseId + "/accept",
                            "CC-DUTY_CHIEF-1",
                            "{\"urgency\":\"URGENT\"}");
            if (response != null && response.statusCode() == 200) {
                return true;
            }
            if (response != null && response.statusCode() == 409) {
                var status = status(caseId);
                if (status.equals("REPORTED")) {
                    return false;
                }
                if (!status.equals("VERIFIED")) {
                    return true;
                }
            }
            Thread.sleep(200);
        }
    }

    private static String status(String caseId) throws Exception {
        for (int attempt = 0; ; attempt++) {
            try {
                var response =
                        get(
                                cases[attempt % 2].baseUrl() + "/api/v1/cases/" + caseId,
                                "CC-DUTY_CHIEF-1");
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body()).path("status").asText();
                }
            } catch (IOException down) {
                // the other instance
            }
            Thread.sleep(200);
        }
    }

    private static String blowWhistle(String caseId) throws Exception {
        var whistleId = UUID.randomUUID().toString();
        var body =
                "{\"whistleId\":\""
                        + whistleId
                        + "\",\"kind\":\"HARD_CASE\",\"departments\":[\"ZHZF\",\"GTS\"]}";
        for (int attempt = 0; ; attempt++) {
            var response =
                    tryPost(
                            dispatches[attempt % 2],
                            "/api/v1/cases/" + caseId + "/whistles",
                            "CC-DISPATCHER-1",
                            body);
            if (response != null
                    && (response.statusCode() == 201 || response.statusCode() == 200)) {
                return whistleId;
            }
            if (attempt > 100) {
                throw new AssertionError(
                        "no whistle on "
                                + caseId
                                + ": "
                                + (response == null ? "no answer" : response.body()));
            }
            Thread.sleep(200);
        }
    }

    /**
     * One attempt; null when the instance gave no answer. A request the instance took and then
     * dropped without answering while it stopped gracefully is counted as cut off.
     */
    private static HttpResponse<String> tryPost(
            ServiceProcess instance, String path, String staffId, String body)
            throws InterruptedException {
        try {
            var response = post(instance.baseUrl() + path, staffId, body);
            return response.statusCode() >= 500 ? null : response;
        } catch (ConnectException | HttpTimeoutException refused) {
            return null;
        } catch (IOException dropped) {
            if (stopping == instance) {
                cutOff.incrementAndGet();
            }
            return null;
        }
    }

    private static HttpResponse<String> post(String url, String staffId, String body)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(15))
                        .header("Content-Type", "application/json")
                        .header("Authorization", "Bearer " + Tokens.of(staffId))
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url, String staffId)
            throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(URI.create(url))
                        .timeout(Duration.ofSeconds(15))
                        .header("Authorization", "Bearer " + Tokens.of(staffId))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
