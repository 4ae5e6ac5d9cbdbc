package cn.gridgov.cases.messaging;

import cn.gridgov.cases.evaluation.EvaluationFacts;
import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Feeds the evaluation read model from {@code dispatch-events.v1}, in a consumer group of its own:
 * the whistles (吹哨) and the departments reporting for duty, of which the report-on-time indicator
 * is made. Each is applied once, by its id; what cannot be applied is parked and holds back only
 * its case.
 */
@ApplicationScoped
public class EvaluationDispatchEventConsumer implements ParkingConsumer {

    private final EvaluationFacts facts;
    private final Parking parking;
    private final Subscription subscription;

    public EvaluationDispatchEventConsumer(
            EvaluationFacts facts,
            Parking parking,
            @ConfigProperty(name = "mp.messaging.incoming.evaluation-dispatch-events.topics")
                    List<String> topics) {
        this.facts = facts;
        this.parking = parking;
        var handled = List.of(DispatchTypes.WHISTLE_BLOWN, DispatchTypes.REPORTED_FOR_DUTY);
        // The routing decisions themselves reach the read model as the case's own events
        // (dispatched, sent back).
        this.subscription =
                Subscription.of(
                        "evaluation-dispatch-events",
                        topics.get(0),
                        handled,
                        DispatchTypes.ALL.stream()
                                .filter(type -> !handled.contains(type))
                                .toList());
    }

    @Incoming("evaluation-dispatch-events")
    public Uni<Void> consume(String payload) {
        return parking.receive(subscription, payload, this::applyParked);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        return facts.apply(event);
    }
}
