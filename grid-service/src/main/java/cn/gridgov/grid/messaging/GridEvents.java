package cn.gridgov.grid.messaging;

import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.contracts.grid.StaffChanged;
import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.department.DepartmentView;
import cn.gridgov.grid.staff.StaffView;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import com.fasterxml.jackson.databind.JsonNode;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The events grid-service announces on grid-events.v1, as event-contracts' {@code GridTypes}
 * declare them. Each carries the full current representation of what changed, so a consumer simply
 * upserts it into its cache. Callers add them inside the transaction of the change.
 */
@ApplicationScoped
public class GridEvents {

    /**
     * The configured topic of grid events: grid-events.v1 ({@code Topics.GRID_EVENTS}), or the
     * tests' own.
     */
    public static final String TOPIC_CONFIG = "mp.messaging.outgoing.outbox.topic";

    private final Outbox outbox;
    private final Clock clock;
    private final String topic;

    public GridEvents(
            Outbox outbox, Clock clock, @ConfigProperty(name = TOPIC_CONFIG) String topic) {
        this.topic = topic;
        this.outbox = outbox;
        this.clock = clock;
    }

    public <D> Uni<Void> changed(EventType<D> type, String subject, D representation) {
        return outbox.add(topic, event(type, subject, representation));
    }

    /** The topic grid events are published on, for code that writes them to the outbox in SQL. */
    public String topic() {
        return topic;
    }

    public <D> CloudEvent event(EventType<D> type, String subject, D representation) {
        return outbox.envelope(type, subject, clock.instant(), representation);
    }

    /** grid.area-changed's data: the area as it now is, its polygon as GeoJSON. */
    public static AreaChanged areaChanged(
            String code,
            String name,
            AreaLevel level,
            AreaKind kind,
            String parentCode,
            JsonNode geometry) {
        return new AreaChanged(
                code,
                name,
                level == null ? null : level.name(),
                kind == null ? null : kind.name(),
                parentCode,
                geometry);
    }

    /** grid.staff-changed's data: the person as the other services see them. */
    public static StaffChanged staffChanged(StaffView view) {
        var posts =
                view.posts() == null
                        ? java.util.List.<StaffChanged.Post>of()
                        : view.posts().stream()
                                .map(p -> new StaffChanged.Post(p.role(), p.areaCode()))
                                .toList();
        var last =
                view.lastLocation() == null
                        ? null
                        : new StaffChanged.LastLocation(
                                view.lastLocation().longitude(),
                                view.lastLocation().latitude(),
                                view.lastLocation().accuracyMeters(),
                                view.lastLocation().at());
        return new StaffChanged(
                view.staffId(),
                view.name(),
                view.phone(),
                view.departmentCode(),
                posts,
                view.onDuty(),
                last);
    }

    /** grid.department-changed's data: the department as the other services see it. */
    public static DepartmentChanged departmentChanged(DepartmentView view) {
        return new DepartmentChanged(
                view.code(),
                view.name(),
                view.level() == null ? null : view.level().name(),
                view.responsibilities(),
                view.jurisdiction(),
                view.zones());
    }
}
