package cn.gridgov.dispatch.messaging;

import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.casefile.CaseSnapshot;
import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.supervision.SlaTimer;
import cn.gridgov.dispatch.supervision.SlaTimers;
import cn.gridgov.dispatch.whistle.WhistleService;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Follows every case: keeps its snapshot and its SLA timer, routes it when it is accepted (step 3
 * done), closes its whistles when it ends.
 *
 * <p>Records arrive in batches (one poll); a batch is applied in one transaction together with the
 * record of every event applied, so a redelivery changes nothing and a crash loses nothing. The
 * case files, timers and decisions of the whole batch are read in three queries up front, which is
 * what lets one consumer keep up with hundreds of cases a second.
 */
@ApplicationScoped
public class CaseEventConsumer {

    private static final Logger LOG = Logger.getLogger(CaseEventConsumer.class);
    static final String ACCEPTED = "case.accepted";
    /** The case is over for good: its whistles close ("事不完，人不走" ends only here). */
    static final Set<String> ENDING = Set.of("case.closed", "case.rejected", "case.merged");

    /** A record we could read: the event, its id, and the snapshot it carries. */
    record Readable(CloudEvent event, UUID eventId, CaseSnapshot snapshot) {
    }

    /** What we hold of the batch's cases, kept current as the batch is applied. */
    record Held(Map<UUID, CaseFile> files, Map<UUID, SlaTimer> timers, Map<UUID, RoutingDecision> decisions) {
    }

    private final CaseFiles cases;
    private final SlaTimers timers;
    private final RoutingService routing;
    private final WhistleService whistles;
    private final ProcessedEvents processed;
    private final DispatchEvents events;
    private final OutboxRelay relay;
    private final ObjectMapper json;

    public CaseEventConsumer(CaseFiles cases, SlaTimers timers, RoutingService routing, WhistleService whistles,
                             ProcessedEvents processed, DispatchEvents events, OutboxRelay relay, ObjectMapper json) {
        this.events = events;
        this.cases = cases;
        this.timers = timers;
        this.routing = routing;
        this.whistles = whistles;
        this.processed = processed;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("case-events")
    public Uni<Void> consume(List<String> payloads) {
        var batch = new ArrayList<Readable>();
        for (var payload : payloads) {
            var readable = read(payload);
            if (readable != null) {
                batch.add(readable);
            }
        }
        if (batch.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        boolean announces = batch.stream().anyMatch(r -> ACCEPTED.equals(r.event().type())
                || ENDING.contains(r.event().type()));
        return VertxContexts.onCurrentContext(() -> Panache.withTransaction(() -> events.batched(
                        () -> hold(batch).chain(held -> applyAll(batch, held)))))
                .invoke(() -> {
                    if (announces) {
                        relay.nudge(); // events were written: publish them now, not at the next tick
                    }
                })
                // A database outage must not drop a case: hold the partitions and try again.
                .onFailure().invoke(failure -> LOG.warnf("applying %d case events failed, retrying: %s", batch.size(),
                        failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Readable read(String payload) {
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
            return null;
        }
        if (event.type() == null || !event.type().startsWith("case.") || event.data() == null
                || !event.data().isObject()) {
            LOG.debugf("ignoring %s %s: not a case event with a snapshot", event.type(), event.id());
            return null;
        }
        return new Readable(event, eventId, CaseSnapshot.of(caseId, event.data()));
    }

    private Uni<Held> hold(List<Readable> batch) {
        var ids = batch.stream().map(r -> r.snapshot().caseId()).distinct().toList();
        return cases.list("caseId in ?1", ids).chain(files -> timers.list("caseId in ?1", ids)
                .chain(held -> routing.decisionsOf(ids).map(decisions -> {
                    var h = new Held(new HashMap<>(), new HashMap<>(), new HashMap<>());
                    files.forEach(f -> h.files().put(f.caseId, f));
                    held.forEach(t -> h.timers().put(t.caseId, t));
                    decisions.forEach(d -> h.decisions().put(d.caseId, d));
                    return h;
                })));
    }

    private Uni<Void> applyAll(List<Readable> batch, Held held) {
        var ids = batch.stream().map(r -> Map.entry(r.eventId(), r.event().type())).toList();
        // A Multi, not a chain of Unis: most steps complete without I/O, and a chain of hundreds of
        // them would complete recursively, one stack frame group per event.
        return processed.firstDeliveries(ids).chain(fresh -> Multi.createFrom().iterable(batch)
                // remove(): an event delivered twice within one batch is applied once.
                .select().where(readable -> fresh.remove(readable.eventId()))
                .onItem().transformToUniAndConcatenate(readable -> apply(readable, held))
                .collect().last()
                .replaceWithVoid());
    }

    private Uni<Void> apply(Readable readable, Held held) {
        var caseId = readable.snapshot().caseId();
        var type = readable.event().type();
        return cases.record(readable.snapshot(), readable.event().time(), held.files().get(caseId))
                .invoke(file -> held.files().put(caseId, file))
                .call(file -> timers.follow(file, held.timers().get(caseId)).invoke(timer -> {
                    if (timer != null) {
                        held.timers().put(caseId, timer);
                    }
                }))
                .chain(file -> react(type, file, held));
    }

    private Uni<Void> react(String type, CaseFile file, Held held) {
        if (ACCEPTED.equals(type)) {
            return routing.routeAccepted(file, held.decisions().get(file.caseId))
                    .invoke(decision -> held.decisions().put(file.caseId, decision))
                    .replaceWithVoid();
        }
        if (ENDING.contains(type)) {
            return whistles.closeForCase(file.caseId);
        }
        return Uni.createFrom().voidItem();
    }
}
