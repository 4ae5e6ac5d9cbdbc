package cn.gridgov.cases.messaging;

import cn.gridgov.cases.casefile.CaseRepository;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies dispatch-service's decisions to cases. Each event is applied in one transaction together
 * with the record that it was applied, so a redelivered event changes nothing.
 */
@ApplicationScoped
public class DispatchEventConsumer {

    private static final Logger LOG = Logger.getLogger(DispatchEventConsumer.class);
    static final String ROUTED = "dispatch.routed";

    private final CaseRepository cases;
    private final ProcessedEvents processed;
    private final ObjectMapper json;

    public DispatchEventConsumer(CaseRepository cases, ProcessedEvents processed, ObjectMapper json) {
        this.cases = cases;
        this.processed = processed;
        this.json = json;
    }

    @Incoming("dispatch-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
        } catch (Exception unreadable) {
            // A record nobody can read would block its partition forever; log it loudly and move on.
            LOG.errorf("skipping unreadable record on dispatch-events.v1: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        return Panache.withTransaction(() -> processed.firstDelivery(UUID.fromString(event.id()), event.type())
                        .chain(first -> first ? apply(event) : Uni.createFrom().voidItem()))
                // A database outage must not drop a decision: hold the partition and try again.
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> apply(CloudEvent event) {
        if (!ROUTED.equals(event.type())) {
            return Uni.createFrom().voidItem();
        }
        JsonNode data = event.data();
        return cases.findById(UUID.fromString(event.subject())).invoke(c -> {
            if (c == null) {
                LOG.debugf("routing for unknown case %s ignored", event.subject());
                return;
            }
            c.routedTo(data.path("departmentCode").asText(), data.path("departmentName").asText(),
                    data.path("ruleId").asText(), event.time() != null ? event.time() : Instant.now());
            LOG.infof("case %s routed to %s by rule %s", c.number, c.routedDepartment, c.routingRule);
        }).replaceWithVoid();
    }
}
