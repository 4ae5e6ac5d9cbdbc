package cn.gridgov.dispatch;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.cases.CaseDispatched;
import cn.gridgov.contracts.cases.CaseEvaluated;
import cn.gridgov.contracts.cases.CaseMerged;
import cn.gridgov.contracts.cases.CaseParked;
import cn.gridgov.contracts.cases.CaseReopened;
import cn.gridgov.contracts.cases.CaseReported;
import cn.gridgov.contracts.cases.CaseRework;
import cn.gridgov.contracts.cases.CaseSentBack;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.contracts.cases.DispatchRefused;
import cn.gridgov.contracts.cases.ExtensionApproved;
import cn.gridgov.kit.testing.ContractEvents;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays case-service in dispatch-service's tests: publishes case events made from event-contracts'
 * records (CloudEvents with the case snapshot, key = case id), each checked against its contract,
 * onto the tests' own case-events topic (the one the application reads in the test profile), with a
 * real Kafka producer.
 */
public final class CaseEvents implements AutoCloseable {

    /** What case-events.v1 is to the application in the test profile. */
    public static final String TOPIC =
            ConfigProvider.getConfig()
                    .getValue("mp.messaging.incoming.case-events.topic", String.class);

    /** The statuses case-service's snapshot calls not open (its CaseStatus.isOpen()). */
    private static final Set<String> NOT_OPEN = Set.of("CLOSED", "EVALUATED", "REJECTED", "MERGED");

    /** A case as the snapshot describes it; tests change what they need with the withers. */
    public record Snapshot(
            UUID caseId,
            String number,
            String status,
            String category,
            String gridCode,
            List<String> dedicatedGridCodes,
            double longitude,
            double latitude,
            String subjectType,
            String step,
            Instant warnAt,
            Instant dueAt) {

        public static Snapshot of(String category, String gridCode) {
            var id = UUID.randomUUID();
            return new Snapshot(
                    id,
                    "2026-9" + String.format("%05d", Math.floorMod(id.hashCode(), 100000)),
                    "ACCEPTED",
                    category,
                    gridCode,
                    List.of(),
                    119.165,
                    35.004,
                    null,
                    "DISPATCH",
                    null,
                    null);
        }

        public Snapshot status(String status, String step) {
            return new Snapshot(
                    caseId,
                    number,
                    status,
                    category,
                    gridCode,
                    dedicatedGridCodes,
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        public Snapshot subject(String subjectType) {
            return new Snapshot(
                    caseId,
                    number,
                    status,
                    category,
                    gridCode,
                    dedicatedGridCodes,
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        public Snapshot dedicated(String... codes) {
            return new Snapshot(
                    caseId,
                    number,
                    status,
                    category,
                    gridCode,
                    List.of(codes),
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        public Snapshot at(double lon, double lat) {
            return new Snapshot(
                    caseId,
                    number,
                    status,
                    category,
                    gridCode,
                    dedicatedGridCodes,
                    lon,
                    lat,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        public Snapshot timers(Instant warnAt, Instant dueAt) {
            return new Snapshot(
                    caseId,
                    number,
                    status,
                    category,
                    gridCode,
                    dedicatedGridCodes,
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        /**
         * The same case with a number as case-service gives them (2099-…, a year no real case has).
         */
        public Snapshot numbered() {
            var digits =
                    String.format(
                            "%09d",
                            java.util.concurrent.ThreadLocalRandom.current()
                                    .nextInt(1_000_000_000));
            return new Snapshot(
                    caseId,
                    "2099-" + digits,
                    status,
                    category,
                    gridCode,
                    dedicatedGridCodes,
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    warnAt,
                    dueAt);
        }

        public String id() {
            return caseId.toString();
        }

        /** The contract's snapshot, as case-service writes it. */
        public CaseSnapshot contract() {
            return contract(null);
        }

        /**
         * The contract's snapshot, naming the department case-service holds as the case's handler.
         */
        public CaseSnapshot contract(String handlerDepartment) {
            var now = Instant.now();
            return new CaseSnapshot(
                    caseId,
                    number,
                    status,
                    !NOT_OPEN.contains(status),
                    category,
                    "NORMAL",
                    "GRID_WORKER",
                    gridCode,
                    dedicatedGridCodes,
                    longitude,
                    latitude,
                    subjectType,
                    step,
                    step == null ? null : now,
                    step == null ? null : warnAt,
                    step == null ? null : dueAt,
                    handlerDepartment,
                    new cn.gridgov.contracts.Actor("CC-DUTY_CHIEF-1", "DUTY_CHIEF", null));
        }
    }

    private final KafkaProducer<String, String> producer;

    public CaseEvents(String bootstrap) {
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    /** Publishes an event and answers its JSON (to publish it again, as a redelivery). */
    public String publish(EventType<?> type, Snapshot snapshot) throws Exception {
        var json = event(UUID.randomUUID(), type, snapshot);
        publishRaw(snapshot.id(), json);
        return json;
    }

    /**
     * Publishes case-service's refusal of one of dispatch-service's events, with the case's
     * snapshot.
     */
    public String publishRefusal(
            Snapshot snapshot,
            String handlerDepartment,
            String refusedEventId,
            String refusedType,
            String reason)
            throws Exception {
        var json =
                ContractEvents.json(
                        UUID.randomUUID(),
                        "case-service",
                        CaseTypes.DISPATCH_REFUSED,
                        snapshot.id(),
                        Instant.now(),
                        new DispatchRefused(
                                snapshot.contract(handlerDepartment),
                                refusedEventId,
                                refusedType,
                                reason,
                                "DEPARTMENT"));
        publishRaw(snapshot.id(), json);
        return json;
    }

    /**
     * Publishes anything as it is, for tests of what a reader does with records no contract allows.
     */
    public void publishRaw(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    /** The event as case-service writes it: the snapshot, and what the type adds to it. */
    public static String event(UUID eventId, EventType<?> type, Snapshot s) {
        return json(eventId, type, s.contract());
    }

    @SuppressWarnings("unchecked")
    private static <D> String json(UUID eventId, EventType<D> type, CaseSnapshot s) {
        return ContractEvents.json(
                eventId,
                "case-service",
                type,
                s.caseId().toString(),
                Instant.now(),
                (D) dataOf(type, s));
    }

    private static Object dataOf(EventType<?> type, CaseSnapshot s) {
        if (type == CaseTypes.REPORTED) {
            return new CaseReported(
                    s,
                    UUID.randomUUID(),
                    "reported in a test",
                    Instant.now(),
                    List.of(),
                    List.of());
        } else if (type == CaseTypes.DISPATCHED) {
            return new CaseDispatched(s, List.of());
        } else if (type == CaseTypes.SENT_BACK) {
            return new CaseSentBack(s, 1);
        } else if (type == CaseTypes.REWORK) {
            return new CaseRework(s, 1);
        } else if (type == CaseTypes.REOPENED) {
            return new CaseReopened(s, UUID.randomUUID(), "2026-000002", 1);
        } else if (type == CaseTypes.MERGED) {
            return new CaseMerged(s, UUID.randomUUID(), "2026-000001");
        } else if (type == CaseTypes.EXTENSION_APPROVED) {
            return new ExtensionApproved(s, new BigDecimal("8"));
        } else if (type == CaseTypes.PARKED) {
            return new CaseParked(s, LocalDate.now().plusDays(7));
        } else if (type == CaseTypes.EVALUATED) {
            return new CaseEvaluated(s, 5, true, 0, 0, false);
        } else if (type.dataClass() == CaseSnapshot.class) {
            return s;
        }
        throw new IllegalArgumentException(type + " does not carry a case snapshot");
    }

    @Override
    public void close() {
        producer.close();
    }
}
