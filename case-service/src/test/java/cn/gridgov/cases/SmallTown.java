package cn.gridgov.cases;

import cn.gridgov.contracts.Actor;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.cases.CaseDispatched;
import cn.gridgov.contracts.cases.CaseEvaluated;
import cn.gridgov.contracts.cases.CaseMerged;
import cn.gridgov.contracts.cases.CaseReported;
import cn.gridgov.contracts.cases.CaseRework;
import cn.gridgov.contracts.cases.CaseSentBack;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.contracts.dispatch.ReportedForDuty;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.kit.testing.ContractEvents;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * A small town's day (Monday 9 March 2026, in the town's zone; every time below is UTC, 08:00 later
 * there, so all of it falls on that day) told as the events case-service and dispatch-service
 * publish, on topics of its own (made by the stack, deploy/lib/kafka.sh) that the read model reads
 * in the test profile, and no other service does. Six cases in grids G01, G02 (community D01-S1-C1)
 * and G03 (D01-S1-C2), two departments of its own (TDA, TDB), its own staff; the indicators' right
 * answers are worked out by hand in {@link EvaluationTest}. Event ids are derived from the story,
 * so telling it again (another run against the same database) changes nothing.
 */
final class SmallTown implements AutoCloseable {

    static final LocalDate DAY = LocalDate.of(2026, 3, 9);

    private final KafkaProducer<String, String> producer;
    private final String caseTopic;
    private final String dispatchTopic;

    SmallTown(String bootstrap) {
        caseTopic = townTopic("evaluation-case-events");
        dispatchTopic = townTopic("evaluation-dispatch-events");
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /**
     * The read model's topic in the test profile that only this town is told on (the last of the
     * channel's topics).
     */
    private static String townTopic(String channel) {
        var topics =
                ConfigProvider.getConfig()
                        .getValue("mp.messaging.incoming." + channel + ".topics", String[].class);
        return topics[topics.length - 1];
    }

    static UUID caseId(int n) {
        return id("case-" + n);
    }

    private static UUID id(String name) {
        return UUID.nameUUIDFromBytes(
                ("evaluation small town " + DAY + " " + name).getBytes(StandardCharsets.UTF_8));
    }

    private static Instant at(String time) {
        return Instant.parse(DAY + "T" + time + ":00Z");
    }

    /**
     * The case as its snapshot says at one event: status, the step whose clock runs and its
     * deadline.
     */
    private record Case(int n, String grid, String category, String source) {
        CaseSnapshot snapshot(
                String status, String step, String due, String department, Actor actor) {
            var open = !List.of("CLOSED", "EVALUATED", "REJECTED", "MERGED").contains(status);
            return new CaseSnapshot(
                    caseId(n),
                    "2026-00000" + n,
                    status,
                    open,
                    category,
                    "NORMAL",
                    source,
                    grid,
                    List.of(),
                    119.0,
                    35.0,
                    null,
                    step,
                    step == null ? null : at("00:00"),
                    step == null ? null : at(due),
                    step == null ? null : at(due),
                    department,
                    actor);
        }
    }

    private static final Actor CITIZEN = new Actor("T-CIT", "CITIZEN", null);
    private static final Actor W1 = new Actor("T-W1", "GRID_WORKER", null);
    private static final Actor W2 = new Actor("T-W2", "GRID_WORKER", null);
    private static final Actor CHIEF = new Actor("T-GC", "GRID_CHIEF", null);
    private static final Actor DUTY = new Actor("T-DC", "DUTY_CHIEF", "CC");
    private static final Actor DISPATCHER = new Actor("T-DSP", "DISPATCHER", "CC");
    private static final Actor TDA = new Actor("TDA-1", "DEPARTMENT_STAFF", "TDA");
    private static final Actor TDB = new Actor("TDB-1", "DEPARTMENT_STAFF", "TDB");

    /** Every case event of the day, in each case's order. */
    void tellTheCases() {
        // 1: a citizen's report in G01, verified, accepted, dispatched to TDA, handled, closed, all
        // on time; scored 5.
        var c1 = new Case(1, "G01", "0101", "CITIZEN");
        reported(c1, "01:00", c1.snapshot("REPORTED", "VERIFY", "02:00", null, CITIZEN));
        event(
                c1,
                "verified",
                CaseTypes.VERIFIED,
                "01:30",
                c1.snapshot("VERIFIED", "ACCEPT", "03:00", null, W1));
        event(
                c1,
                "accepted",
                CaseTypes.ACCEPTED,
                "02:00",
                c1.snapshot("ACCEPTED", "DISPATCH", "04:00", null, DUTY));
        event(
                c1,
                "dispatched",
                CaseTypes.DISPATCHED,
                "03:00",
                new CaseDispatched(
                        c1.snapshot("DISPATCHED", "DEPARTMENT_ACCEPT", "05:00", "TDA", DISPATCHER),
                        List.of()));
        event(
                c1,
                "handling",
                CaseTypes.HANDLING,
                "04:00",
                c1.snapshot("HANDLING", "HANDLE", "06:00", "TDA", TDA));
        event(
                c1,
                "result",
                CaseTypes.RESULT_SUBMITTED,
                "05:00",
                c1.snapshot("RESULT_SUBMITTED", "CHECK", "07:00", "TDA", TDA));
        event(
                c1,
                "closed",
                CaseTypes.CLOSED,
                "06:00",
                c1.snapshot("CLOSED", "EVALUATE", "09:00", "TDA", W1));
        event(
                c1,
                "evaluated",
                CaseTypes.EVALUATED,
                "07:00",
                new CaseEvaluated(
                        c1.snapshot("EVALUATED", null, null, "TDA", CITIZEN),
                        5,
                        true,
                        0,
                        0,
                        false));

        // 2: a grid worker's report in G01 (verified at intake), accepted late, dispatched to TDB
        // which sends it
        // back, dispatched late to TDA, handled late, reworked once, closed after a late check;
        // scored 2.
        var c2 = new Case(2, "G01", "0101", "GRID_WORKER");
        reported(c2, "01:00", c2.snapshot("VERIFIED", "ACCEPT", "02:00", null, W1));
        event(
                c2,
                "accepted",
                CaseTypes.ACCEPTED,
                "03:00",
                c2.snapshot("ACCEPTED", "DISPATCH", "04:00", null, DUTY));
        event(
                c2,
                "dispatched",
                CaseTypes.DISPATCHED,
                "03:30",
                new CaseDispatched(
                        c2.snapshot("DISPATCHED", "DEPARTMENT_ACCEPT", "05:00", "TDB", DISPATCHER),
                        List.of()));
        event(
                c2,
                "sent-back",
                CaseTypes.SENT_BACK,
                "04:00",
                new CaseSentBack(c2.snapshot("ACCEPTED", "DISPATCH", "04:15", null, TDB), 1));
        event(
                c2,
                "dispatched-again",
                CaseTypes.DISPATCHED,
                "04:30",
                new CaseDispatched(
                        c2.snapshot("DISPATCHED", "DEPARTMENT_ACCEPT", "06:00", "TDA", DISPATCHER),
                        List.of()));
        event(
                c2,
                "handling",
                CaseTypes.HANDLING,
                "05:00",
                c2.snapshot("HANDLING", "HANDLE", "05:30", "TDA", TDA));
        event(
                c2,
                "result",
                CaseTypes.RESULT_SUBMITTED,
                "06:00",
                c2.snapshot("RESULT_SUBMITTED", "CHECK", "08:00", "TDA", TDA));
        event(
                c2,
                "rework",
                CaseTypes.REWORK,
                "07:00",
                new CaseRework(c2.snapshot("HANDLING", "HANDLE", "08:00", "TDA", W2), 1));
        event(
                c2,
                "result-again",
                CaseTypes.RESULT_SUBMITTED,
                "07:30",
                c2.snapshot("RESULT_SUBMITTED", "CHECK", "08:00", "TDA", TDA));
        event(
                c2,
                "closed",
                CaseTypes.CLOSED,
                "09:00",
                c2.snapshot("CLOSED", "EVALUATE", "11:00", "TDA", W2));
        event(
                c2,
                "evaluated",
                CaseTypes.EVALUATED,
                "10:00",
                new CaseEvaluated(
                        c2.snapshot("EVALUATED", null, null, "TDA", W1), 2, false, 1, 1, false));

        // 3: a grid worker's report in G02, accepted on time, handled in the grid (自行处置) and closed
        // on time.
        var c3 = new Case(3, "G02", "0202", "GRID_WORKER");
        reported(c3, "02:00", c3.snapshot("VERIFIED", "ACCEPT", "04:00", null, W1));
        event(
                c3,
                "accepted",
                CaseTypes.ACCEPTED,
                "03:00",
                c3.snapshot("ACCEPTED", "DISPATCH", "05:00", null, DUTY));
        event(
                c3,
                "in-grid",
                CaseTypes.HANDLED_IN_GRID,
                "03:30",
                c3.snapshot("HANDLING", "HANDLE", "06:00", null, DISPATCHER));
        event(
                c3,
                "result",
                CaseTypes.RESULT_SUBMITTED,
                "05:00",
                c3.snapshot("RESULT_SUBMITTED", "CHECK", "07:00", null, CHIEF));
        event(
                c3,
                "closed",
                CaseTypes.CLOSED,
                "06:00",
                c3.snapshot("CLOSED", "EVALUATE", "09:00", null, W2));

        // 4: a citizen's report in G02, rejected (作废).
        var c4 = new Case(4, "G02", "0202", "CITIZEN");
        reported(c4, "02:00", c4.snapshot("REPORTED", "VERIFY", "03:00", null, CITIZEN));
        event(
                c4,
                "rejected",
                CaseTypes.REJECTED,
                "04:00",
                c4.snapshot("REJECTED", null, null, null, W2));

        // 5: a grid worker's report in G03, merged into another case (并案).
        var c5 = new Case(5, "G03", "0101", "GRID_WORKER");
        reported(c5, "03:00", c5.snapshot("VERIFIED", "ACCEPT", "05:00", null, W2));
        event(
                c5,
                "merged",
                CaseTypes.MERGED,
                "04:00",
                new CaseMerged(
                        c5.snapshot("MERGED", null, null, null, DUTY), caseId(1), "2026-000001"));

        // 6: a citizen's report in G03, verified late, not answered yet.
        var c6 = new Case(6, "G03", "0101", "CITIZEN");
        reported(c6, "05:00", c6.snapshot("REPORTED", "VERIFY", "06:00", null, CITIZEN));
        event(
                c6,
                "verified",
                CaseTypes.VERIFIED,
                "07:00",
                c6.snapshot("VERIFIED", "ACCEPT", "09:00", null, W2));
    }

    /**
     * A whistle on case 1 summoning TDA and TDB by 04:00: TDA reports on the spot at 03:50, TDB at
     * 04:30.
     */
    void blowTheWhistle() {
        var whistle = id("whistle");
        dispatch(
                "whistle",
                DispatchTypes.WHISTLE_BLOWN,
                "03:10",
                new WhistleBlown(
                        whistle,
                        caseId(1),
                        "HARD_CASE",
                        List.of("TDA", "TDB"),
                        at("04:00"),
                        "T-DSP",
                        DISPATCHER));
        dispatch(
                "duty-TDA",
                DispatchTypes.REPORTED_FOR_DUTY,
                "03:50",
                new ReportedForDuty(
                        whistle, caseId(1), "TDA", true, 12.0, at("03:50"), "TDA-1", TDA));
        dispatch(
                "duty-TDB",
                DispatchTypes.REPORTED_FOR_DUTY,
                "04:30",
                new ReportedForDuty(
                        whistle, caseId(1), "TDB", true, 30.0, at("04:30"), "TDB-1", TDB));
    }

    private void reported(Case c, String time, CaseSnapshot snapshot) {
        event(
                c,
                "reported",
                CaseTypes.REPORTED,
                time,
                new CaseReported(
                        snapshot,
                        id("report-" + c.n()),
                        "small town",
                        at(time),
                        List.of(),
                        List.of()));
    }

    private <D> void event(Case c, String what, EventType<D> type, String time, D data) {
        send(
                caseTopic,
                caseId(c.n()),
                ContractEvents.json(
                        id(c.n() + "-" + what),
                        "case-service",
                        type,
                        caseId(c.n()).toString(),
                        at(time),
                        data));
    }

    private <D> void dispatch(String what, EventType<D> type, String time, D data) {
        send(
                dispatchTopic,
                caseId(1),
                ContractEvents.json(
                        id(what), "dispatch-service", type, caseId(1).toString(), at(time), data));
    }

    private void send(String topic, UUID key, String event) {
        try {
            producer.send(new ProducerRecord<>(topic, key.toString(), event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish to " + topic, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
