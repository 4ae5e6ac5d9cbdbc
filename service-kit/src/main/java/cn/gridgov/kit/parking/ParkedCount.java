package cn.gridgov.kit.parking;

import cn.gridgov.kit.scan.PeriodicScan;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How many records wait parked, by consumer: the gauge {@code gridgov_parked_events{consumer=…}}
 * and what the readiness check shows ({@link ParkedReadiness}), read from the table every {@code
 * gridgov.parking.count-interval} and right after each park, replay or discard (every replica sees
 * the same table, so each shows the service's whole count).
 */
@ApplicationScoped
public class ParkedCount {

    private static final Logger LOG = Logger.getLogger(ParkedCount.class);

    private final ParkedEvents parked;
    private final Instance<ParkingConsumer> consumers;
    private final MeterRegistry metrics;
    private final Duration interval;
    private volatile Map<String, Long> counts = Map.of();
    private PeriodicScan scan;

    public ParkedCount(
            ParkedEvents parked,
            Instance<ParkingConsumer> consumers,
            MeterRegistry metrics,
            @ConfigProperty(name = "gridgov.parking.count-interval") Duration interval) {
        this.parked = parked;
        this.consumers = consumers;
        this.metrics = metrics;
        this.interval = interval;
    }

    void start(@Observes StartupEvent started, Vertx vertx) {
        for (var consumer : consumers) {
            var name = consumer.subscription().name();
            Gauge.builder("gridgov.parked.events", this, count -> count.of(name))
                    .description("records parked by a consumer and not yet replayed or discarded")
                    .tag("consumer", name)
                    .register(metrics);
        }
        scan = PeriodicScan.every(vertx, interval, "counting parked events", this::load);
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (scan != null) {
            scan.stop();
        }
    }

    /** Counts again now, without waiting for the next interval. */
    public void refresh() {
        load().subscribe()
                .with(
                        ignored -> {},
                        failure ->
                                LOG.warnf(
                                        "counting parked events failed: %s", failure.getMessage()));
    }

    private Uni<Void> load() {
        return parked.countWaiting().invoke(loaded -> counts = loaded).replaceWithVoid();
    }

    long of(String consumer) {
        return counts.getOrDefault(consumer, 0L);
    }

    /** The counts by consumer, as last read. */
    Map<String, Long> byConsumer() {
        return new TreeMap<>(counts);
    }
}
