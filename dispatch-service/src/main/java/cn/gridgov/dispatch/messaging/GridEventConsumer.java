package cn.gridgov.dispatch.messaging;

import cn.gridgov.dispatch.organisation.Area;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.Csv;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the local copy of departments and areas that rules are checked and resolved against.
 * Each event carries the full current representation, so applying it is an upsert. A
 * {@code grid.staff-changed} replaces the kept posts of that person in the kit's
 * {@link StaffDirectory}, so a post change decides the next command without a new token.
 */
@ApplicationScoped
public class GridEventConsumer {

    private static final Logger LOG = Logger.getLogger(GridEventConsumer.class);
    static final String DEPARTMENT_CHANGED = "grid.department-changed";
    static final String AREA_CHANGED = "grid.area-changed";
    static final String STAFF_CHANGED = "grid.staff-changed";

    private final RoutingTables tables;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Clock clock;
    private final StaffDirectory staff;

    public GridEventConsumer(RoutingTables tables, ProcessedEvents processed, ObjectMapper json, Clock clock,
                             StaffDirectory staff) {
        this.staff = staff;
        this.tables = tables;
        this.processed = processed;
        this.json = json;
        this.clock = clock;
    }

    @Incoming("grid-events")
    public Uni<Void> consume(String payload) {
        CloudEvent event;
        UUID eventId;
        try {
            event = json.readValue(payload, CloudEvent.class);
            eventId = UUID.fromString(event.id());
        } catch (Exception unreadable) {
            LOG.errorf("skipping unreadable record on grid-events.v1: %s", unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        var data = event.data();
        if (STAFF_CHANGED.equals(event.type())) {
            // Kept in memory only, and replaced by each newer announcement: applying one twice is harmless.
            if (data != null && data.isObject()) {
                staff.staffChanged(data);
            }
            return Uni.createFrom().voidItem();
        }
        boolean department = DEPARTMENT_CHANGED.equals(event.type());
        boolean area = AREA_CHANGED.equals(event.type());
        if ((!department && !area) || data == null || !data.path("code").isTextual()) {
            return Uni.createFrom().voidItem();
        }
        return VertxContexts.onCurrentContext(() -> Panache.withTransaction(() -> processed.firstDelivery(eventId, event.type())
                                .chain(first -> !first ? Uni.createFrom().voidItem()
                                        : department ? upsertDepartment(data) : upsertArea(data)))
                        .call(tables::reload))
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> upsertDepartment(JsonNode data) {
        var code = data.path("code").asText();
        return Panache.getSession().chain(session -> session.find(Department.class, code).chain(existing -> {
            var d = existing != null ? existing : new Department();
            d.code = code;
            d.name = data.path("name").asText(code);
            d.level = data.path("level").asText(d.level == null ? "DISTRICT" : d.level);
            d.responsibilities = Csv.join(texts(data.path("responsibilities")));
            d.jurisdiction = Csv.join(texts(data.path("jurisdiction")));
            d.zones = Csv.join(texts(data.path("zones")));
            d.updatedAt = clock.instant();
            LOG.infof("department %s (%s) updated", d.code, d.name);
            return existing != null ? Uni.createFrom().voidItem() : session.persist(d);
        }));
    }

    private Uni<Void> upsertArea(JsonNode data) {
        var code = data.path("code").asText();
        return Panache.getSession().chain(session -> session.find(Area.class, code).chain(existing -> {
            var a = existing != null ? existing : new Area();
            a.code = code;
            a.name = data.path("name").asText(code);
            a.level = data.path("level").asText(a.level == null ? "GRID" : a.level);
            a.kind = data.path("kind").asText(a.kind == null ? "COMPREHENSIVE" : a.kind);
            a.parentCode = data.path("parentCode").isTextual() ? data.path("parentCode").asText() : null;
            a.updatedAt = clock.instant();
            return existing != null ? Uni.createFrom().voidItem() : session.persist(a);
        }));
    }

    private static ArrayList<String> texts(JsonNode array) {
        var values = new ArrayList<String>();
        array.forEach(node -> {
            if (node.isTextual()) {
                values.add(node.asText());
            }
        });
        return values;
    }
}
