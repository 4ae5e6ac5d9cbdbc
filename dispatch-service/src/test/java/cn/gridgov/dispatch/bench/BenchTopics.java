package cn.gridgov.dispatch.bench;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.AdminClient;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Creates the benchmark topics before the application starts (the broker does not create topics on
 * use).
 */
public class BenchTopics implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        var props = new Properties();
        props.put(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                System.getProperty(
                        "kafka.bootstrap.servers",
                        System.getenv().getOrDefault("GRIDGOV_KAFKA", "127.0.0.1:9092")));
        try (var admin = AdminClient.create(props)) {
            for (var topic : List.of(BenchProfile.CASE_TOPIC, BenchProfile.DISPATCH_TOPIC)) {
                try {
                    admin.createTopics(List.of(new NewTopic(topic, 6, (short) 1))).all().get();
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw new IllegalStateException("cannot create " + topic, e);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {}
}
