package cn.gridgov.dispatch.command;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Every event this service has published, as it is published, for the console's live stream.
 * Fed by the outbox relay after Kafka acknowledged, so the console never sees a change that was
 * rolled back. A console that falls behind loses old items rather than slowing the relay.
 */
@ApplicationScoped
public class ChangeFeed {

    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();

    public void publish(String cloudEventJson) {
        processor.onNext(cloudEventJson);
    }

    public Multi<String> stream() {
        return processor.onOverflow().drop();
    }
}
