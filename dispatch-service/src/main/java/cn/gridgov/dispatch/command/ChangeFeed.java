package cn.gridgov.dispatch.command;

import cn.gridgov.kit.outbox.OutboxPublished;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Every event this service has published, as it is published, for the console's live stream. Fed by
 * the kit's outbox relay ({@link OutboxPublished}) after Kafka acknowledged, so the console never
 * sees a change that was rolled back. A console that falls behind loses old items rather than
 * slowing the relay.
 */
@ApplicationScoped
public class ChangeFeed {

    private final BroadcastProcessor<String> processor = BroadcastProcessor.create();

    void onPublished(@Observes OutboxPublished published) {
        published.events().forEach(event -> processor.onNext(event.payload()));
    }

    public Multi<String> stream() {
        return processor.onOverflow().drop();
    }
}
