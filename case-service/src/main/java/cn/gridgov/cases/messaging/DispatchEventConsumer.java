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
 * Applies dispatch-service's decisions to cases, once each (see {@link Inbox}); what cannot be
 * applied is parked and holds back only its own case. Every dispatch event is applied or noted on
 * the case's timeline, except {@code dispatch.decision-realigned}: dispatch-service putting its own
 * decision back in line with the case, which case-service already holds; and {@code
 * dispatch.sla-warning}, which {@link SupervisionEventConsumer} applies in a group of its own.
 */
@ApplicationScoped
public class DispatchEventConsumer implements ParkingConsumer {

    private final Inbox inbox;
    private final DispatchReactions reactions;
    private final Subscription subscription;

    public DispatchEventConsumer(
            Inbox inbox,
            DispatchReactions reactions,
            @ConfigProperty(name = "mp.messaging.incoming.dispatch-events.topic") String topic) {
        this.inbox = inbox;
        this.reactions = reactions;
        this.subscription =
                Subscription.of(
                        "dispatch-events",
                        topic,
                        List.of(
                                DispatchTypes.ROUTED,
                                DispatchTypes.DEPARTMENT_ACCEPTED,
                                DispatchTypes.SENT_BACK,
                                DispatchTypes.WHISTLE_BLOWN,
                                DispatchTypes.REPORTED_FOR_DUTY,
                                DispatchTypes.ESCALATED,
                                DispatchTypes.WHISTLE_CLOSED),
                        // SLA warnings are SupervisionEventConsumer's, so none of them delays a
                        // routing.
                        List.of(DispatchTypes.DECISION_REALIGNED, DispatchTypes.SLA_WARNING));
    }

    /**
     * A poll's events in one transaction: the routed decision is applied in the batch it arrives
     * in, and a burst of SLA warnings costs one commit per batch, not one per warning.
     */
    @Incoming("dispatch-events")
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
