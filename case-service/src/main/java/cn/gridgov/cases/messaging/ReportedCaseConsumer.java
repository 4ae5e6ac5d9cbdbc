package cn.gridgov.cases.messaging;

import cn.gridgov.cases.hotspot.RepeatReports;
import cn.gridgov.cases.workflow.CaseEvents;
import cn.gridgov.cases.workflow.Reopenings;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.inbox.Inbox;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.parking.UnusableEvent;
import cn.gridgov.kit.vertx.VertxContexts;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads this service's own {@code case.reported} events back from its topic and asks {@link
 * RepeatReports} whether each makes a hotspot or repeats a closed case; and its own {@code
 * case.recurred}, which {@link Reopenings} turns into the closed case's reopening where the
 * category is configured so (applied once through the {@link Inbox}, with the loop's commands).
 * Apart from intake, so that a report's answer never waits for the place's history; through the
 * topic, so that no report is missed (intake's outbox publishes each once it has committed).
 *
 * <p>Each event is applied once: its id goes into {@code processed_event} in the transaction of its
 * effects and of the events they announce (written already claimed and handed to the relay after
 * the commit, as intake's are). The SQL is PostGIS over the reactive client, as intake's duplicate
 * search is, not Hibernate. What cannot be applied is parked (service-kit's parking) and holds back
 * only its case; a database outage is waited out. Events of cases this database does not hold
 * (another installation's, on a shared topic) change nothing.
 */
@ApplicationScoped
public class ReportedCaseConsumer implements ParkingConsumer {

    private static final String FIRST_DELIVERY =
            "insert into processed_event (event_id, type) values ($1, $2) on conflict do nothing";

    private final Pool pool;
    private final RepeatReports repeats;
    private final Outbox outbox;
    private final OutboxRelay relay;
    private final Parking parking;
    private final Inbox inbox;
    private final Reopenings reopenings;
    private final String topic;
    private final Subscription subscription;

    public ReportedCaseConsumer(
            Pool pool,
            RepeatReports repeats,
            Outbox outbox,
            OutboxRelay relay,
            Parking parking,
            Inbox inbox,
            Reopenings reopenings,
            @ConfigProperty(name = CaseEvents.TOPIC_CONFIG) String topic) {
        this.pool = pool;
        this.repeats = repeats;
        this.outbox = outbox;
        this.relay = relay;
        this.parking = parking;
        this.inbox = inbox;
        this.reopenings = reopenings;
        this.topic = topic;
        // Of its own events only the report and its recurrence matter here; the others are the
        // cases' own business.
        var handled = List.<EventType<?>>of(CaseTypes.REPORTED, CaseTypes.RECURRED);
        this.subscription =
                Subscription.of(
                        "reported-cases",
                        topic,
                        handled,
                        CaseTypes.ALL.stream().filter(type -> !handled.contains(type)).toList());
    }

    @Incoming("reported-cases")
    public Uni<Void> consume(String payload) {
        return parking.receive(subscription, payload, this::applyParked);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        if (CaseTypes.RECURRED.is(event.type())) {
            return inbox.applyOnce(event, reopenings::apply);
        }
        UUID caseId;
        try {
            caseId = UUID.fromString(event.subject());
        } catch (IllegalArgumentException notACase) {
            throw new UnusableEvent("a case.reported names its case by id, not " + event.subject());
        }
        return VertxContexts.onCurrentContext(
                        () ->
                                pool.withTransaction(
                                        connection ->
                                                connection
                                                        .preparedQuery(FIRST_DELIVERY)
                                                        .execute(Tuple.of(event.id(), event.type()))
                                                        .chain(
                                                                first ->
                                                                        first.rowCount() == 0
                                                                                ? Uni.createFrom()
                                                                                        .item(
                                                                                                List
                                                                                                        .<OutboxRelay
                                                                                                                        .Claimed>
                                                                                                                of())
                                                                                : repeats.onReported(
                                                                                                connection,
                                                                                                caseId)
                                                                                        .chain(
                                                                                                events ->
                                                                                                        outbox
                                                                                                                .addAllClaimed(
                                                                                                                        connection,
                                                                                                                        topic,
                                                                                                                        events)))))
                .invoke(relay::publishCommitted)
                .replaceWithVoid();
    }
}
