package cn.gridgov.kit.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * A real Kafka consumer that reads a topic from the moment it is opened, without a consumer group,
 * so tests see exactly what the services published.
 */
public final class TopicTail implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * A record as read: its key, its content-type header, its CloudEvent JSON and every header
     * (last value of each name).
     */
    public record Received(
            String key, String contentType, JsonNode event, Map<String, String> headers) {}

    private final KafkaConsumer<String, String> consumer;
    private final List<Received> received = new ArrayList<>();

    public TopicTail(String bootstrap, String topic) {
        var props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
        var partitions =
                consumer.partitionsFor(topic).stream()
                        .map(info -> new TopicPartition(topic, info.partition()))
                        .toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(
                consumer::position); // resolve the end offsets now, before anything is published
    }

    /** Everything received so far for one subject (case id), in order. */
    public List<Received> forSubject(String subject) {
        return all().stream()
                .filter(r -> subject.equals(r.event().path("subject").asText()))
                .toList();
    }

    /** Everything received so far, after one more poll. */
    public List<Received> all() {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
            var headers = new LinkedHashMap<String, String>();
            record.headers()
                    .forEach(
                            h ->
                                    headers.put(
                                            h.key(),
                                            new String(h.value(), StandardCharsets.UTF_8)));
            received.add(
                    new Received(
                            record.key(),
                            headers.get("content-type"),
                            parse(record.value()),
                            headers));
        }
        return List.copyOf(received);
    }

    private static JsonNode parse(String value) {
        try {
            return JSON.readTree(value);
        } catch (Exception e) {
            return JSON.createObjectNode().put("unreadable", value);
        }
    }

    @Override
    public void close() {
        consumer.close();
    }
}
