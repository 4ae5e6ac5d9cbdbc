package cn.gridgov.cases.messaging;

import cn.gridgov.cases.workflow.DispatchReactions;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.inbox.Inbox;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Applies dispatch-service's SLA warnings (跟踪督办) to cases, read from the dispatch events' topic in
 * a consumer group of their own, so that a burst of warnings (tens of thousands fall due at once
 * after a storm) never holds up the routing and acceptances people wait for, which {@link
 * DispatchEventConsumer} applies past them. A warning is only a note on the case: one that arrives
 * before the decision it followed finds the case at another step and is recorded as late, as any
 * warning about a step the case has left.
 */
@ApplicationScoped
public class SupervisionEventConsumer implements ParkingConsumer {

    private final Inbox inbox;
    private final DispatchReactions reactions;
    private final Subscription subscription;

    public SupervisionEventConsumer(
            Inbox inbox,
            DispatchReactions reactions,
            @ConfigProperty(name = "mp.messaging.incoming.supervision-events.topic") String topic) {
        this.inbox = inbox;
        this.reactions = reactions;
        this.subscription =
                Subscription.selective(
                        "supervision-events", topic, List.of(DispatchTypes.SLA_WARNING));
    }

    /** A poll's warnings in one transaction. */
    @Incoming("supervision-events")
    public Uni<Void> consume(List<String> payloads) {
        return inbox.receiveAll(subscription(), payloads, reactions::apply);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        return inbox.applyOnce(event, reactions::apply);
    }
}
