package cn.gridgov.dispatch.messaging;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.Topics;
import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.dispatch.organisation.Area;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.Csv;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.UUID;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the local copy of departments and areas that rules are checked and resolved against.
 * Each event carries the full current representation, so applying it is an upsert; a
 * {@code grid.area-removed} (an import took the area away) deletes the kept area. A
 * {@code grid.staff-changed} (event-contracts' {@link GridTypes}) replaces the kept posts of that person in the kit's
 * {@link StaffDirectory}, so a post change decides the next command without a new token.
 */
@ApplicationScoped
public class GridEventConsumer {

    private static final Logger LOG = Logger.getLogger(GridEventConsumer.class);

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
            LOG.errorf("skipping unreadable record on %s: %s", Topics.GRID_EVENTS, unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        var data = event.data();
        if (GridTypes.STAFF_CHANGED.is(event.type())) {
            // Kept in memory only, and replaced by each newer announcement: applying one twice is harmless.
            if (data != null && data.isObject()) {
                staff.staffChanged(data);
            }
            return Uni.createFrom().voidItem();
        }
        Supplier<Uni<Void>> upsert;
        try {
            if (GridTypes.DEPARTMENT_CHANGED.is(event.type())) {
                var department = event.dataAs(GridTypes.DEPARTMENT_CHANGED, json);
                upsert = department == null || department.code() == null ? null : () -> upsertDepartment(department);
            } else if (GridTypes.AREA_CHANGED.is(event.type())) {
                var area = event.dataAs(GridTypes.AREA_CHANGED, json);
                upsert = area == null || area.code() == null ? null : () -> upsertArea(area);
            } else if (GridTypes.AREA_REMOVED.is(event.type())) {
                var area = event.dataAs(GridTypes.AREA_REMOVED, json);
                upsert = area == null || area.code() == null ? null : () -> removeArea(area.code());
            } else {
                // grid.area-import-applied only sums up the area events before it; unknown types are skipped.
                upsert = null;
            }
        } catch (Exception unreadable) {
            LOG.errorf("skipping %s %s whose data cannot be read: %s", event.type(), event.id(), unreadable.getMessage());
            return Uni.createFrom().voidItem();
        }
        if (upsert == null) {
            return Uni.createFrom().voidItem();
        }
        return VertxContexts.onCurrentContext(() -> Panache.withTransaction(() -> processed.firstDelivery(eventId, event.type())
                                .chain(first -> !first ? Uni.createFrom().voidItem() : upsert.get()))
                        .call(tables::reload))
                .onFailure().invoke(failure -> LOG.warnf("applying %s %s failed, retrying: %s", event.type(),
                        event.id(), failure.getMessage()))
                .onFailure().retry().withBackOff(Duration.ofMillis(200), Duration.ofSeconds(10)).indefinitely();
    }

    private Uni<Void> upsertDepartment(DepartmentChanged data) {
        var code = data.code();
        return Panache.getSession().chain(session -> session.find(Department.class, code).chain(existing -> {
            var d = existing != null ? existing : new Department();
            d.code = code;
            d.name = data.name() != null ? data.name() : code;
            d.level = data.level() != null ? data.level() : d.level == null ? "DISTRICT" : d.level;
            d.responsibilities = Csv.join(texts(data.responsibilities()));
            d.jurisdiction = Csv.join(texts(data.jurisdiction()));
            d.zones = Csv.join(texts(data.zones()));
            d.updatedAt = clock.instant();
            LOG.infof("department %s (%s) updated", d.code, d.name);
            return existing != null ? Uni.createFrom().voidItem() : session.persist(d);
        }));
    }

    private Uni<Void> upsertArea(AreaChanged data) {
        var code = data.code();
        return Panache.getSession().chain(session -> session.find(Area.class, code).chain(existing -> {
            var a = existing != null ? existing : new Area();
            a.code = code;
            a.name = data.name() != null ? data.name() : code;
            a.level = data.level() != null ? data.level() : a.level == null ? "GRID" : a.level;
            a.kind = data.kind() != null ? data.kind() : a.kind == null ? "COMPREHENSIVE" : a.kind;
            a.parentCode = data.parentCode();
            a.updatedAt = clock.instant();
            return existing != null ? Uni.createFrom().voidItem() : session.persist(a);
        }));
    }

    /** Cases and decisions keep the grid code they have; only the copy of the hierarchy forgets the area. */
    private Uni<Void> removeArea(String code) {
        return Panache.getSession().chain(session -> session.find(Area.class, code)
                .chain(existing -> existing == null ? Uni.createFrom().voidItem() : session.remove(existing))
                .invoke(() -> LOG.infof("area %s removed", code)));
    }

    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
