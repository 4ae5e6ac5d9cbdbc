package cn.gridgov.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Publishes case events as case-service does (CloudEvents with the case snapshot, key = case id)
 * onto the tests' own case-events topic (the one the application reads in the test profile), with a
 * real Kafka producer.
 */
public final class CaseEvents implements AutoCloseable {

    /** What case-events.v1 is to the application in the test profile. */
    public static final String TOPIC = ConfigProvider.getConfig().getValue("mp.messaging.incoming.case-events.topic", String.class);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A case as the snapshot describes it; tests change what they need with the withers. */
    public record Snapshot(UUID caseId, String number, String status, String category, String gridCode,
                           List<String> dedicatedGridCodes, double longitude, double latitude, String subjectType,
                           String step, Instant warnAt, Instant dueAt) {

        public static Snapshot of(String category, String gridCode) {
            var id = UUID.randomUUID();
            return new Snapshot(id, "T-" + id.toString().substring(0, 8), "ACCEPTED", category, gridCode, List.of(),
                    119.165, 35.004, null, "ROUTE", null, null);
        }

        public Snapshot status(String status, String step) {
            return new Snapshot(caseId, number, status, category, gridCode, dedicatedGridCodes, longitude, latitude,
                    subjectType, step, warnAt, dueAt);
        }

        public Snapshot subject(String subjectType) {
            return new Snapshot(caseId, number, status, category, gridCode, dedicatedGridCodes, longitude, latitude,
                    subjectType, step, warnAt, dueAt);
        }

        public Snapshot dedicated(String... codes) {
            return new Snapshot(caseId, number, status, category, gridCode, List.of(codes), longitude, latitude,
                    subjectType, step, warnAt, dueAt);
        }

        public Snapshot at(double lon, double lat) {
            return new Snapshot(caseId, number, status, category, gridCode, dedicatedGridCodes, lon, lat, subjectType,
                    step, warnAt, dueAt);
        }

        public Snapshot timers(Instant warnAt, Instant dueAt) {
            return new Snapshot(caseId, number, status, category, gridCode, dedicatedGridCodes, longitude, latitude,
                    subjectType, step, warnAt, dueAt);
        }

        /** The same case with a number as case-service gives them (2099-…, a year no real case has). */
        public Snapshot numbered() {
            var digits = String.format("%09d", java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000_000_000));
            return new Snapshot(caseId, "2099-" + digits, status, category, gridCode, dedicatedGridCodes, longitude,
                    latitude, subjectType, step, warnAt, dueAt);
        }

        public String id() {
            return caseId.toString();
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
    public String publish(String type, Snapshot snapshot) throws Exception {
        var json = event(UUID.randomUUID(), type, snapshot);
        publishRaw(snapshot.id(), json);
        return json;
    }

    /** Publishes an event whose data is the snapshot plus these fields (as a case.dispatch-refused carries). */
    public String publish(String type, Snapshot snapshot, java.util.Map<String, String> extra) throws Exception {
        var event = (ObjectNode) JSON.readTree(event(UUID.randomUUID(), type, snapshot));
        var data = (ObjectNode) event.get("data");
        extra.forEach(data::put);
        publishRaw(snapshot.id(), event.toString());
        return event.toString();
    }

    public void publishRaw(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(TOPIC, key, value)).get();
    }

    public static String event(UUID eventId, String type, Snapshot s) {
        ObjectNode data = JSON.createObjectNode()
                .put("caseId", s.id()).put("number", s.number()).put("status", s.status())
                .put("category", s.category()).put("urgency", "NORMAL").put("source", "GRID_WORKER")
                .put("gridCode", s.gridCode()).put("longitude", s.longitude()).put("latitude", s.latitude())
                .put("subjectType", s.subjectType()).put("step", s.step())
                .put("stepStartedAt", Instant.now().toString())
                .put("stepWarnAt", s.warnAt() == null ? null : s.warnAt().toString())
                .put("stepDueAt", s.dueAt() == null ? null : s.dueAt().toString())
                .put("someFutureField", "ignored by tolerant readers");
        var dedicated = data.putArray("dedicatedGridCodes");
        s.dedicatedGridCodes().forEach(dedicated::add);
        data.putObject("actor").put("staffId", "duty-chief-1").put("role", "DUTY_CHIEF");
        var event = JSON.createObjectNode()
                .put("specversion", "1.0").put("id", eventId.toString()).put("source", "/gridgov/case-service")
                .put("type", type).put("subject", s.id()).put("time", Instant.now().toString())
                .put("datacontenttype", "application/json");
        event.set("data", data);
        return event.toString();
    }

    @Override
    public void close() {
        producer.close();
    }
}
