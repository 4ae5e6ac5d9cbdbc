package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.cases.messaging.Topics;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes case events to the outbox: the snapshot plus what is particular to the event. */
@ApplicationScoped
public class CaseEvents {

    public static final String REPORTER_NOTIFIED = "case.reporter-notified";

    private final Outbox outbox;
    private final ObjectMapper json;
    private final String topic;

    public CaseEvents(Outbox outbox, ObjectMapper json, @ConfigProperty(name = Topics.CASE_EVENTS_CONFIG) String topic) {
        this.outbox = outbox;
        this.json = json;
        this.topic = topic;
    }

    /** Puts an event made with {@link #event} in the outbox, inside the caller's transaction. */
    public Uni<Void> publish(CloudEvent event) {
        return outbox.add(topic, event);
    }

    /** The event with the case's snapshot as it is now, not yet written anywhere. */
    public CloudEvent event(Case c, String type, Actor actor, Map<String, ?> extra, Instant at) {
        ObjectNode data = json.valueToTree(CaseSnapshot.of(c, actor));
        extra.forEach((name, value) -> data.set(name, json.valueToTree(value)));
        return outbox.envelope(type, c.id.toString(), at, data);
    }

    /** 首问责任制: every reporter of the case hears of the change, in words they can read. */
    public Uni<Void> notifyReporters(Case c, List<UUID> reportIds, String message, Instant at) {
        ObjectNode data = json.createObjectNode();
        data.put("caseId", c.id.toString());
        data.put("number", c.number);
        data.put("status", c.status.name());
        data.set("reportIds", json.valueToTree(reportIds));
        data.put("message", message);
        return outbox.add(topic, REPORTER_NOTIFIED, c.id.toString(), at, data).replaceWithVoid();
    }
}
