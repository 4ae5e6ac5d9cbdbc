package cn.gridgov.dispatch.messaging;

import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.casefile.CaseSnapshot;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.supervision.SlaTimers;
import cn.gridgov.dispatch.whistle.WhistleService;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows every case: keeps its snapshot and its SLA timer, routes it when it is accepted (step 3
 * done), closes its whistles when it ends. Each event is applied in one transaction with the record
 * that it was applied, so a redelivery changes nothing and a crash loses nothing.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);
    static final String ACCEPTED = "case.accepted";
    /** The case is over for good: its whistles close ("事不完，人不走" ends only here). */
    static final Set<String> ENDING = Set.of("case.closed", "case.rejected", "case.merged");

    private final CaseFiles cases;
    private final SlaTimers timers;
    private final RoutingService routing;
    private final WhistleService whistles;
    private final ProcessedEvents processed;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public CaseEventConsumer(CaseFiles cases, SlaTimers timers, RoutingService routing, WhistleService whistles,
                             ProcessedEvents processed, OutboxRelay relay, ObjectMapper json) {
        this.cases = cases;
        this.timers = timers;
        this.routing = routing;
        this.whistles = whistles;
        this.processed = processed;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("case-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        UUID eventId;
        UUID caseId;
        try {
            event = json.readValue(payload, CloudEvent.class);
            eventId = UUID.fromString(event.id());
            caseId = UUID.fromString(event.subject());
        } catch (Exception unreadable) {
            // A record nobody can read would block its partition forever; log it loudly and move on.
            LOG.errorf("skipping unreadable record on case-events.v1: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (event.type() == null || !event.type().startsWith("case.") || event.data() == null
                || !event.data().isObject()) {
            LOG.debugf("ignoring %s %s: not a case event with a snapshot", event.type(), event.id());
            return Uni.createFrom().voidItem();
        }
        var snapshot = CaseSnapshot.of(caseId, event.data());
        return Panache.withTransaction(() -> processed.firstDelivery(eventId, event.type())
                        .chain(first -> first ? apply(event, snapshot) : Uni.createFrom().voidItem()))
                .invoke(() -> {
                    if (ACCEPTED.equals(event.type()) || ENDING.contains(event.type())) {
                        relay.nudge(); // these may have written events: publish them now, not at the next tick
                    }
                })
                // A database outage must not drop a case: hold the partition and try again.
                .onFailure().invoke(failure -> LOG.warnf("handling %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> apply(CloudEvent event, CaseSnapshot snapshot) {
        return cases.record(snapshot, event.time())
                .call(timers::follow)
                .chain(file -> react(event.type(), file));
    }

    private Uni<Void> react(String type, CaseFile file) {
        if (ACCEPTED.equals(type)) {
            return routing.routeAccepted(file);
        }
        if (ENDING.contains(type)) {
            return whistles.closeForCase(file.caseId);
        }
        return Uni.createFrom().voidItem();
    }
}
