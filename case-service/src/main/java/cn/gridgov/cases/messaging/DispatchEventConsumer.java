package cn.gridgov.cases.messaging;

import cn.gridgov.cases.workflow.DispatchReactions;
import cn.gridgov.contracts.Topics;
import cn.gridgov.kit.inbox.Inbox;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies dispatch-service's decisions to cases, once each (see {@link Inbox}). */
@ApplicationScoped
public class DispatchEventConsumer {

    private final Inbox inbox;
    private final DispatchReactions reactions;

    public DispatchEventConsumer(Inbox inbox, DispatchReactions reactions) {
        this.inbox = inbox;
        this.reactions = reactions;
    }

    @Incoming("dispatch-events")
    public Uni<Void> consume(String payload) {
        return inbox.receive(Topics.DISPATCH_EVENTS, payload, reactions::apply);
    }
}
