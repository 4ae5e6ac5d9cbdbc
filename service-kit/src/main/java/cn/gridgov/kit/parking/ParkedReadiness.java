package cn.gridgov.kit.parking;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * The readiness check {@code parked-events}: UP, with the number of parked records in all and by
 * consumer. A parked record holds back its own case while the service serves every other one; DOWN
 * would take every replica out of the load balancer at once for one bad record (they all see the
 * same table), stopping intake and commands for all cases: the very stall parking prevents. The
 * gauge {@code gridgov_parked_events} is what an alert watches; the operator API shows the records.
 */
@Readiness
@ApplicationScoped
public class ParkedReadiness implements HealthCheck {

    private final ParkedCount count;

    public ParkedReadiness(ParkedCount count) {
        this.count = count;
    }

    @Override
    public HealthCheckResponse call() {
        var counts = count.byConsumer();
        var response =
                HealthCheckResponse.named("parked-events")
                        .up()
                        .withData(
                                "parked",
                                counts.values().stream().mapToLong(Long::longValue).sum());
        counts.forEach((consumer, n) -> response.withData("parked." + consumer, n));
        return response.build();
    }
}
