package cn.gridgov.cases;

import java.time.Instant;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plays dispatch-service in case-service's own tests: publishes its events, as it would, on the
 * dispatch-events topic case-service reads (the test profile's own). The journey test runs the real
 * dispatch-service instead.
 */
public final class DispatchDesk implements AutoCloseable {

    private final KafkaProducer<String, String> producer;
    private final String topic;

    public DispatchDesk(String bootstrap) {
        topic = ConfigProvider.getConfig().getValue("mp.messaging.incoming.dispatch-events.topic", String.class);
        var props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    public void routed(String caseId, String mode, String department) {
        publish(caseId, "dispatch.routed", """
                {"caseId":"%s","mode":"%s","departmentCode":"%s","departmentName":"%s","ruleId":"R-TEST",
                 "reason":"test rule","coHandlers":[{"code":"ZJJ","name":"区住建局"}]}"""
                .formatted(caseId, mode, department, department));
    }

    public void departmentAccepted(String caseId, String department) {
        publish(caseId, "dispatch.department-accepted",
                "{\"caseId\":\"%s\",\"departmentCode\":\"%s\",\"staffId\":\"zhao\"}".formatted(caseId, department));
    }

    public void sentBack(String caseId, String department, String reason) {
        publish(caseId, "dispatch.sent-back", "{\"caseId\":\"%s\",\"departmentCode\":\"%s\",\"reason\":\"%s\",\"sendBackCount\":1}"
                .formatted(caseId, department, reason));
    }

    public void slaWarning(String caseId, String step, String color, String action, int level) {
        publish(caseId, "dispatch.sla-warning", "{\"caseId\":\"%s\",\"step\":\"%s\",\"color\":\"%s\",\"action\":\"%s\",\"escalationLevel\":%d}"
                .formatted(caseId, step, color, action, level));
    }

    /** Publishes one event; returns its id so a test can publish it again. */
    public String publish(String caseId, String type, String data) {
        var id = UUID.randomUUID().toString();
        publishAs(id, caseId, type, data);
        return id;
    }

    public void publishAs(String eventId, String caseId, String type, String data) {
        var event = """
                {"specversion":"1.0","id":"%s","source":"/gridgov/dispatch-service","type":"%s","subject":"%s",
                 "time":"%s","datacontenttype":"application/json","data":%s}"""
                .formatted(eventId, type, caseId, Instant.now(), data);
        try {
            producer.send(new ProducerRecord<>(topic, caseId, event)).get();
        } catch (Exception e) {
            throw new IllegalStateException("could not publish " + type, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
