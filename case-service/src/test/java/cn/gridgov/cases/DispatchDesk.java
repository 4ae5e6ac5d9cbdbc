package cn.gridgov.cases;

import cn.gridgov.contracts.Actor;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.dispatch.DepartmentAccepted;
import cn.gridgov.contracts.dispatch.DepartmentRef;
import cn.gridgov.contracts.dispatch.Routed;
import cn.gridgov.contracts.dispatch.SentBack;
import cn.gridgov.contracts.dispatch.SlaWarning;
import cn.gridgov.kit.testing.ContractEvents;
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
 * Plays dispatch-service in case-service's own tests: publishes its events, made from
 * event-contracts' records and checked against their contract, on the dispatch-events topic
 * case-service reads (the test profile's own). The journey test runs the real dispatch-service
 * instead.
 */
public final class DispatchDesk implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public DispatchDesk(String bootstrap) {
        topic =
                ConfigProvider.getConfig()
                        .getValue("mp.messaging.incoming.dispatch-events.topic", String.class);
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public void routed(String caseId, String mode, String department) {
        publish(
                caseId,
                DispatchTypes.ROUTED,
                new Routed(
                        UUID.fromString(caseId),
                        numberOf(caseId),
                        mode,
                        department,
                        department,
                        List.of(new DepartmentRef("ZJJ", "区住建局")),
                        "R-TEST",
                        "test rule",
                        null,
                        Instant.now(),
                        null));
    }

    /** The case's number, which dispatch-service knows from the case's snapshot. */
    static String numberOf(String caseId) {
        return CaseLoopTest.as("CC-DUTY_CHIEF-1")
                .get("/api/v1/cases/" + caseId)
                .then()
                .statusCode(200)
                .extract()
                .path("number");
    }

    public void departmentAccepted(String caseId, String department) {
        departmentAccepted(caseId, department, "zhao");
    }

    /** A department's acceptance by this member of its staff; answers the event's id. */
    public String departmentAccepted(String caseId, String department, String staffId) {
        return publish(
                caseId,
                DispatchTypes.DEPARTMENT_ACCEPTED,
                new DepartmentAccepted(
                        UUID.fromString(caseId),
                        department,
                        staffId,
                        Instant.now(),
                        new Actor(staffId, "DEPARTMENT_STAFF", department)));
    }

    /**
     * A dispatcher's override to this department, by hand, no co-handlers; answers the event's id.
     */
    public String overridden(
            String caseId, String department, String departmentName, String reason) {
        return publish(
                caseId,
                DispatchTypes.ROUTED,
                new Routed(
                        UUID.fromString(caseId),
                        numberOf(caseId),
                        "DEPARTMENT",
                        department,
                        departmentName,
                        List.of(),
                        "OVERRIDE",
                        reason,
                        "CC-DISPATCHER-1",
                        Instant.now(),
                        new Actor("CC-DISPATCHER-1", "DISPATCHER", "CC")));
    }

    public void sentBack(String caseId, String department, String reason) {
        publish(caseId, DispatchTypes.SENT_BACK, sentBackData(caseId, department, reason));
    }

    public static SentBack sentBackData(String caseId, String department, String reason) {
        return new SentBack(
                UUID.fromString(caseId),
                department,
                reason,
                1,
                Instant.now(),
                "zhao",
                new Actor("zhao", "DEPARTMENT_STAFF", department));
    }

    public void slaWarning(String caseId, String step, String color, String action, int level) {
        publish(
                caseId,
                DispatchTypes.SLA_WARNING,
                new SlaWarning(
                        UUID.fromString(caseId),
                        step,
                        color,
                        action,
                        level,
                        Instant.now(),
                        Instant.now()));
    }

    /** Publishes one event; returns its id so a test can publish it again. */
    public <D> String publish(String caseId, EventType<D> type, D data) {
        var id = UUID.randomUUID().toString();
        publishAs(id, caseId, type, data);
        return id;
    }

    public <D> void publishAs(String eventId, String caseId, EventType<D> type, D data) {
        var event =
                ContractEvents.json(
                        UUID.fromString(eventId),
                        "dispatch-service",
                        type,
                        caseId,
                        Instant.now(),
                        data);
        try {
            producer.send(new ProducerRecord<>(topic, caseId, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    /**
     * Publishes a record as it is, for what no contract allows: a poison event, a type no one
     * declared.
     */
    public void publishRaw(String key, String value) {
        try {
            producer.send(new ProducerRecord<>(topic, key, value)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish a raw record", e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
