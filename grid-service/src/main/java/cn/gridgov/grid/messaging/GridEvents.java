package cn.gridgov.grid.messaging;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import java.time.Clock;

/**
 * The events grid-service announces on grid-events.v1. Each carries the full current
 * representation of what changed, so a consumer simply upserts it into its cache. Callers add
 * them inside the transaction of the change.
 */
@ApplicationScoped
public class GridEvents {

    public static final String AREA_CHANGED = "grid.area-changed";
    public static final String STAFF_CHANGED = "grid.staff-changed";
    public static final String DEPARTMENT_CHANGED = "grid.department-changed";

    private final Outbox outbox;
    private final ObjectMapper json;
    private final Clock clock;
    private final String topic;

    public GridEvents(Outbox outbox, ObjectMapper json, Clock clock,
                      @ConfigProperty(name = Topics.GRID_EVENTS_CONFIG) String topic) {
        this.topic = topic;
        this.outbox = outbox;
        this.json = json;
        this.clock = clock;
    }

    public Uni<Void> changed(String type, String subject, Object representation) {
        return outbox.add(topic, event(type, subject, representation));
    }

    /** The topic grid events are published on, for code that writes them to the outbox in SQL. */
    public String topic() {
        return topic;
    }

    public CloudEvent event(String type, String subject, Object representation) {
        return outbox.envelope(type, subject, clock.instant(), json.valueToTree(representation));
    }
}
