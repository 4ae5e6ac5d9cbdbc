package cn.gridgov.dispatch.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks run on their own topics (created here, six partitions like the real ones) so their
 * tens of thousands of events never reach the other services' consumers, and log quietly so the
 * console does not become the bottleneck being measured.
 */
public class BenchProfile implements QuarkusTestProfile {

    public static final String CASE_TOPIC = "case-bench.v1";
    public static final String DISPATCH_TOPIC = "dispatch-bench.v1";

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "mp.messaging.incoming.case-events.topic",
                CASE_TOPIC,
                "mp.messaging.incoming.case-events.group.id",
                "dispatch-service-bench",
                "mp.messaging.outgoing.outbox.topic",
                DISPATCH_TOPIC,
                "quarkus.log.category.\"cn.gridgov\".level",
                "WARN");
    }

    @Override
    public List<TestResourceEntry> testResources() {
        return List.of(new TestResourceEntry(BenchTopics.class));
    }
}
