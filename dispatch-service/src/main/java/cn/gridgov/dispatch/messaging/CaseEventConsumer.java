package cn.gridgov.dispatch.messaging;

import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.contracts.cases.DispatchRefused;
import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.forecast.StepOutcomes;
import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.dispatch.supervision.SlaTimer;
import cn.gridgov.dispatch.supervision.SlaTimers;
import cn.gridgov.dispatch.whistle.WhistleService;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.parking.UnusableEvent;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows every case: keeps its snapshot and its SLA timer, routes it when it is accepted (step 3
 * done) and again when it is reopened (case.reopened: a closed case reported again at its place
 * goes back to routing), closes its whistles once its snapshot says it is no longer open. The
 * events are event-contracts' {@link CaseTypes}; every one that carries the snapshot is read as
 * one.
 *
 * <p>Records arrive in batches (one poll); a batch is applied in one transaction together with the
 * record of every event applied, so a redelivery changes nothing and a crash loses nothing. What
 * cannot be applied is parked (service-kit's parking): a failing batch is applied again one event
 * at a time, and only the bad event and its case's later ones wait, parked, for a replay. The
 * transaction is set-based SQL over one connection, its statements pipelined: first the
 * processed-event record and the reads of the batch's case files, timers and decisions, then one
 * write each for the files, the timers that changed, the new decisions, the steps the batch ended
 * (the finish forecast's history, {@link StepOutcomes}) and the outbox rows. The outbox rows are
 * written already claimed and handed to the relay right after the commit.
 */
@ApplicationScoped
public class CaseEventConsumer implements ParkingConsumer {

    /** A record we could read: the event, its id, and the snapshot it carries. */
    record Readable(CloudEvent event, UUID eventId, CaseSnapshot snapshot, UUID caseId) {}

    /**
     * What the batch caused, in order: an event, or the closing of a case's whistles (known after
     * the write).
     */
    record Effect(CloudEvent event, UUID closesWhistlesOf) {}

    private final Pool pool;
    private final CaseFiles cases;
    private final SlaTimers timers;
    private final RoutingService routing;
    private final RoutingTables tables;
    private final WhistleService whistles;
    private final ProcessedEvents processed;
    private final StepOutcomes outcomes;
    private final DispatchEvents events;
    private final OutboxRelay relay;
    private final ObjectMapper json;
    private final Parking parking;
    private final Subscription subscription;

    public CaseEventConsumer(
            Pool pool,
            CaseFiles cases,
            SlaTimers timers,
            RoutingService routing,
            RoutingTables tables,
            WhistleService whistles,
            ProcessedEvents processed,
            StepOutcomes outcomes,
            DispatchEvents events,
            OutboxRelay relay,
            ObjectMapper json,
            Parking parking,
            @ConfigProperty(name = "mp.messaging.incoming.case-events.topic") String topic) {
        this.parking = parking;
        // Every case event carries the snapshot this consumer keeps, but for the reporter's notice,
        // hotspots and
        // recurrences: they carry none and change nothing dispatch-service follows.
        this.subscription =
                Subscription.of(
                        "case-events",
                        topic,
                        CaseTypes.ALL.stream()
                                .filter(type -> CaseTypes.carriesSnapshot(type.name()))
                                .toList(),
                        List.of(
                                CaseTypes.REPORTER_NOTIFIED,
                                CaseTypes.HOTSPOT_RAISED,
                                CaseTypes.RECURRED));
        this.pool = pool;
        this.cases = cases;
        this.timers = timers;
        this.routing = routing;
        this.tables = tables;
        this.whistles = whistles;
        this.processed = processed;
        this.outcomes = outcomes;
        this.events = events;
        this.relay = relay;
        this.json = json;
    }

    @Incoming("case-events")
    public Uni<Void> consume(List<String> payloads) {
        return parking.receiveAll(subscription, payloads, this::applyAll);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        return applyAll(List.of(event));
    }

    /**
     * The events in one transaction; once committed, what they caused goes to Kafka at once, not at
     * the relay's next pass.
     */
    private Uni<Void> applyAll(List<CloudEvent> events) {
        var batch = events.stream().map(this::readable).toList();
        return VertxContexts.onCurrentContext(
                        () ->
                                tables.current()
                                        .chain(
                                                t ->
                                                        pool.withTransaction(
                                                                connection ->
                                                                        apply(
                                                                                connection,
                                                                                batch,
                                                                                t))))
                .invoke(relay::publishCommitted)
                .replaceWithVoid();
    }

    /**
     * The event with its id, its case and the snapshot it carries; one without them is unusable.
     */
    private Readable readable(CloudEvent event) {
        UUID eventId;
        UUID caseId;
        try {
            eventId = UUID.fromString(event.id());
            caseId = UUID.fromString(event.subject());
        } catch (IllegalArgumentException notAUuid) {
            throw new UnusableEvent(
                    "a case event's id and subject are UUIDs: "
                            + event.id()
                            + ", "
                            + event.subject());
        }
        if (event.data() == null || !event.data().isObject()) {
            throw new UnusableEvent(event.type() + " " + event.id() + " carries no snapshot");
        }
        CaseSnapshot snapshot;
        try {
            snapshot = json.treeToValue(event.data(), CaseSnapshot.class);
        } catch (Exception unreadable) {
            throw new UnusableEvent(
                    event.type()
                            + " "
                            + event.id()
                            + " has a snapshot that cannot be read: "
                            + unreadable.getMessage(),
                    unreadable);
        }
        // The key names the case; a snapshot that says otherwise does not move another case's file.
        return new Readable(event, eventId, snapshot, caseId);
    }

    /**
     * The batch in one transaction: reads pipelined, the effects worked out in memory, writes
     * pipelined.
     */
    private Uni<List<OutboxRelay.Claimed>> apply(
            SqlConnection connection, List<Readable> batch, RoutingTables.Tables t) {
        var caseIds = batch.stream().map(Readable::caseId).distinct().toArray(UUID[]::new);
        var ids = batch.stream().map(r -> Map.entry(r.eventId(), r.event().type())).toList();
        var reopenedIds =
                batch.stream()
                        .filter(r -> CaseTypes.REOPENED.is(r.event().type()))
                        .map(Readable::caseId)
                        .distinct()
                        .toArray(UUID[]::new);
        return Uni.combine()
                .all()
                .unis(
                        processed.firstDeliveries(connection, ids),
                        cases.heldOf(connection, caseIds),
                        timers.heldOf(connection, caseIds),
                        routing.routedAmong(connection, caseIds),
                        routing.sentBackBy(connection, reopenedIds))
                .asTuple()
                .chain(
                        held -> {
                            var fresh = held.getItem1();
                            var files = held.getItem2();
                            var heldTimers = held.getItem3();
                            var routed = held.getItem4();
                            var sentBackBy = held.getItem5();
                            var changedFiles = new LinkedHashMap<UUID, CaseFile>();
                            var changedTimers = new LinkedHashMap<UUID, SlaTimer>();
                            var decisions = new ArrayList<RoutingDecision>();
                            var decisionsAgain = new ArrayList<RoutingDecision>();
                            var effects = new ArrayList<Effect>();
                            var ending = new LinkedHashSet<UUID>();
                            var refusals = new ArrayList<RoutingService.Refusal>();
                            var ended = new ArrayList<StepOutcomes.Outcome>();
                            for (var readable : batch) {
                                // remove(): an event delivered twice within one batch is applied
                                // once.
                                if (!fresh.remove(readable.eventId())) {
                                    continue;
                                }
                                var caseId = readable.caseId();
                                var file = files.computeIfAbsent(caseId, id -> new CaseFile());
                                var before = StepOutcomes.Held.of(file);
                                if (cases.apply(
                                        caseId,
                                        readable.snapshot(),
                                        readable.event().time(),
                                        file)) {
                                    changedFiles.put(caseId, file);
                                    var outcome =
                                            outcomes.ended(
                                                    caseId, before, file, readable.event().time());
                                    if (outcome != null) {
                                        ended.add(outcome);
                                    }
                                }
                                var timer = timers.follow(file, heldTimers.get(caseId));
                                if (timer != null) {
                                    heldTimers.put(caseId, timer);
                                    changedTimers.put(caseId, timer);
                                }
                                var type = readable.event().type();
                                var reopened = CaseTypes.REOPENED.is(type);
                                if (reopened
                                        || (CaseTypes.ACCEPTED.is(type) && routed.add(caseId))) {
                                    RoutingDecision decision;
                                    if (reopened) {
                                        // Back to routing: whoever sent it back is passed over
                                        // again.
                                        decision =
                                                routing.decisionAgain(
                                                        file,
                                                        t,
                                                        sentBackBy.getOrDefault(caseId, Set.of()));
                                        decisionsAgain.add(decision);
                                    } else {
                                        decision = routing.firstDecision(file, t);
                                        decisions.add(decision);
                                    }
                                    effects.add(
                                            new Effect(
                                                    routing.announcement(
                                                            decision, t.organisation()),
                                                    null));
                                } else if (Boolean.FALSE.equals(readable.snapshot().open())
                                        && ending.add(caseId)) {
                                    effects.add(new Effect(null, caseId));
                                }
                                if (CaseTypes.DISPATCH_REFUSED.is(type)) {
                                    refusals.add(refusal(readable));
                                }
                            }
                            var saveFiles = cases.saveAll(connection, changedFiles.values());
                            var saveTimers = timers.saveAll(connection, changedTimers.values());
                            var saveDecisions =
                                    routing.saveFirst(connection, decisions)
                                            .chain(
                                                    () ->
                                                            routing.saveAgain(
                                                                    connection, decisionsAgain));
                            var saveOutcomes = outcomes.saveAll(connection, ended);
                            if (ending.isEmpty()
                                    && refusals
                                            .isEmpty()) { // the usual batch: the outbox rows go in
                                // the same pipeline
                                return Uni.combine()
                                        .all()
                                        .unis(
                                                saveFiles,
                                                saveTimers,
                                                saveDecisions,
                                                saveOutcomes,
                                                events.addAllClaimed(
                                                        connection, inOrder(effects, Map.of())))
                                        .asTuple()
                                        .map(written -> written.getItem5());
                            }
                            Uni<Map<UUID, List<CloudEvent>>> closeWhistles =
                                    ending.isEmpty()
                                            ? Uni.createFrom().item(Map.of())
                                            : whistles.closeForCases(connection, ending);
                            return Uni.combine()
                                    .all()
                                    .unis(
                                            saveFiles,
                                            saveTimers,
                                            saveDecisions,
                                            saveOutcomes,
                                            closeWhistles)
                                    .asTuple()
                                    .chain(
                                            written ->
                                                    routing.bringInLine(
                                                                    connection,
                                                                    refusals,
                                                                    t.organisation())
                                                            .chain(
                                                                    realigned -> {
                                                                        var out =
                                                                                inOrder(
                                                                                        effects,
                                                                                        written
                                                                                                .getItem5());
                                                                        out.addAll(realigned);
                                                                        return events.addAllClaimed(
                                                                                connection, out);
                                                                    }));
                        });
    }

    /**
     * What case-service refused and why (case.dispatch-refused); a refusal whose data cannot be
     * read is unusable.
     */
    private RoutingService.Refusal refusal(Readable readable) {
        DispatchRefused refused;
        try {
            refused = readable.event().dataAs(CaseTypes.DISPATCH_REFUSED, json);
        } catch (Exception unreadable) {
            throw new UnusableEvent(
                    "the refusal "
                            + readable.event().id()
                            + " has data that cannot be read: "
                            + unreadable.getMessage(),
                    unreadable);
        }
        var snapshot = refused.snapshot();
        return new RoutingService.Refusal(
                readable.caseId(),
                snapshot.status(),
                snapshot.step(),
                snapshot.handlerDepartment(),
                refused.handlerKind(),
                refused.refusedEventId(),
                refused.refusedType(),
                refused.reason());
    }

    private static List<CloudEvent> inOrder(
            List<Effect> effects, Map<UUID, List<CloudEvent>> closedWhistles) {
        var out = new ArrayList<CloudEvent>();
        for (var effect : effects) {
            if (effect.event() != null) {
                out.add(effect.event());
            } else {
                out.addAll(closedWhistles.getOrDefault(effect.closesWhistlesOf(), List.of()));
            }
        }
        return out;
    }
}
