package cn.gridgov.dispatch;

import io.quarkus.test.common.QuarkusTestResource;
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
 * The tests send case events on a topic of their own ({@link CaseEvents#TOPIC}, six partitions like
 * the real one), created here before the application starts: a dispatch-service running beside the
 * tests on the same broker reads case-events.v1 and would route the tests' cases too, publishing a
 * second decision for each on dispatch-events.v1.
 */
@QuarkusTestResource(TestTopics.class)
public class TestTopics implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        var props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, System.getProperty("kafka.bootstrap.servers",
                System.getenv().getOrDefault("GRIDGOV_KAFKA", "127.0.0.1:9092")));
        try (var admin = AdminClient.create(props)) {
            admin.createTopics(List.of(new NewTopic(CaseEvents.TOPIC, 6, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("cannot create " + CaseEvents.TOPIC, e);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return Map.of();
    }

    @Override
    public void stop() {
    }
}
