package cn.gridgov.cases.messaging;

import cn.gridgov.cases.evaluation.EvaluationFacts;
import cn.gridgov.contracts.CaseTypes;
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
 * Feeds the evaluation read model from {@code case-events.v1}, in a consumer group of its own:
 * rebuilding it is emptying its tables and reading the topic again from the start, without touching
 * the loop's own consumption. Every event carrying the case's snapshot is applied (once, by its
 * id); what cannot be applied is parked (service-kit's parking) and holds back only its case.
 */
@ApplicationScoped
public class EvaluationCaseEventConsumer implements ParkingConsumer {

    private final EvaluationFacts facts;
    private final Parking parking;
    private final Subscription subscription;

    public EvaluationCaseEventConsumer(
            EvaluationFacts facts,
            Parking parking,
            @ConfigProperty(name = "mp.messaging.incoming.evaluation-case-events.topics")
                    List<String> topics) {
        this.facts = facts;
        this.parking = parking;
        // Parked records are named by the service's topic, the first configured (tests add a topic
        // of their own).
        this.subscription =
                Subscription.of(
                        "evaluation-case-events",
                        topics.get(0),
                        CaseTypes.ALL.stream()
                                .filter(type -> CaseTypes.carriesSnapshot(type.name()))
                                .toList(),
                        // Notices to reporters and the hotspots' findings change no case and count
                        // in no indicator.
                        CaseTypes.ALL.stream()
                                .filter(type -> !CaseTypes.carriesSnapshot(type.name()))
                                .toList());
    }

    @Incoming("evaluation-case-events")
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
