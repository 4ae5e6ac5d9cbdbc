package cn.gridgov.dispatch.messaging;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.dispatch.organisation.Area;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.routing.Csv;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.parking.UnusableEvent;
import cn.gridgov.kit.vertx.VertxContexts;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the local copy of departments and areas that rules are checked and resolved against. Each
 * event carries the full current representation, so applying it is an upsert; a {@code
 * grid.area-removed} (an import took the area away) deletes the kept area. A {@code
 * grid.staff-changed} (event-contracts' {@link GridTypes}) replaces the kept posts of that person
 * in the kit's {@link StaffDirectory}, so a post change decides the next command without a new
 * token. What cannot be applied is parked (service-kit's parking) and holds back only its own
 * department or area.
 */
@ApplicationScoped
public class GridEventConsumer implements ParkingConsumer {

    private static final Logger LOG = Logger.getLogger(GridEventConsumer.class);

    private final RoutingTables tables;
    private final ProcessedEvents processed;
    private final ObjectMapper json;
    private final Clock clock;
    private final StaffDirectory staff;
    private final Parking parking;
    private final Subscription subscription;

    public GridEventConsumer(
            RoutingTables tables,
            ProcessedEvents processed,
            ObjectMapper json,
            Clock clock,
            StaffDirectory staff,
            Parking parking,
            @ConfigProperty(name = "mp.messaging.incoming.grid-events.topic") String topic) {
        this.staff = staff;
        this.parking = parking;
        this.subscription =
                Subscription.of(
                        "grid-events",
                        topic,
                        List.of(
                                GridTypes.DEPARTMENT_CHANGED,
                                GridTypes.AREA_CHANGED,
                                GridTypes.AREA_REMOVED,
                                GridTypes.STAFF_CHANGED),
                        // grid.area-import-applied only sums up the area events before it.
                        List.of(GridTypes.AREA_IMPORT_APPLIED));
        this.tables = tables;
        this.processed = processed;
        this.json = json;
        this.clock = clock;
    }

    @Incoming("grid-events")
    public Uni<Void> consume(String payload) {
        return parking.receive(subscription, payload, this::applyParked);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        if (GridTypes.STAFF_CHANGED.is(event.type())) {
            // Kept in memory only, and replaced by each newer announcement: applying one twice is
            // harmless.
            if (event.data() != null && event.data().isObject()) {
                staff.staffChanged(event.data());
            }
            return Uni.createFrom().voidItem();
        }
        var eventId = uuid(event);
        var upsert = upsert(event);
        return VertxContexts.onCurrentContext(
                () ->
                        Panache.withTransaction(
                                        () ->
                                                processed
                                                        .firstDelivery(eventId, event.type())
                                                        .chain(
                                                                first ->
                                                                        !first
                                                                                ? Uni.createFrom()
                                                                                        .voidItem()
                                                                                : upsert.get()))
                                .call(tables::reload));
    }

    /** The department's or area's upsert the event asks for; an event without one is unusable. */
    private Supplier<Uni<Void>> upsert(CloudEvent event) {
        try {
            if (GridTypes.DEPARTMENT_CHANGED.is(event.type())) {
                var department = event.dataAs(GridTypes.DEPARTMENT_CHANGED, json);
                if (department != null && department.code() != null) {
                    return () -> upsertDepartment(department);
                }
            } else if (GridTypes.AREA_REMOVED.is(event.type())) {
                var area = event.dataAs(GridTypes.AREA_REMOVED, json);
                if (area != null && area.code() != null) {
                    return () -> removeArea(area.code());
                }
            } else {
                var area = event.dataAs(GridTypes.AREA_CHANGED, json);
                if (area != null && area.code() != null) {
                    return () -> upsertArea(area);
                }
            }
        } catch (Exception unreadable) {
            throw new UnusableEvent(
                    event.type()
                            + " "
                            + event.id()
                            + " has data that is not its record: "
                            + unreadable.getMessage(),
                    unreadable);
        }
        throw new UnusableEvent(event.type() + " " + event.id() + " names no code");
    }

    private static UUID uuid(CloudEvent event) {
        try {
            return UUID.fromString(event.id());
        } catch (IllegalArgumentException notAUuid) {
            throw new UnusableEvent("grid-service's event ids are UUIDs, not " + event.id());
        }
    }

    private Uni<Void> upsertDepartment(DepartmentChanged data) {
        var code = data.code();
        return Panache.getSession()
                .chain(
                        session ->
                                session.find(Department.class, code)
                                        .chain(
                                                existing -> {
                                                    var d =
                                                            existing != null
                                                                    ? existing
                                                                    : new Department();
                                                    d.code = code;
                                                    d.name =
                                                            data.name() != null
                                                                    ? data.name()
                                                                    : code;
                                                    d.level =
                                                            data.level() != null
                                                                    ? data.level()
                                                                    : d.level == null
                                                                            ? "DISTRICT"
                                                                            : d.level;
                                                    d.responsibilities =
                                                            Csv.join(
                                                                    texts(data.responsibilities()));
                                                    d.jurisdiction =
                                                            Csv.join(texts(data.jurisdiction()));
                                                    d.zones = Csv.join(texts(data.zones()));
                                                    d.updatedAt = clock.instant();
                                                    LOG.infof(
                                                            "department %s (%s) updated",
                                                            d.code, d.name);
                                                    return existing != null
                                                            ? Uni.createFrom().voidItem()
                                                            : session.persist(d);
                                                }));
    }

    private Uni<Void> removeArea(String code) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.find(Area.class, code)
                                        .chain(
                                                existing ->
                                                        existing == null
                                                                ? Uni.createFrom().voidItem()
                                                                : session.remove(existing))
                                        .invoke(() -> LOG.infof("area %s removed", code)));
    }

    private Uni<Void> upsertArea(AreaChanged data) {
        var code = data.code();
        return Panache.getSession()
                .chain(
                        session ->
                                session.find(Area.class, code)
                                        .chain(
                                                existing -> {
                                                    var a =
                                                            existing != null
                                                                    ? existing
                                                                    : new Area();
                                                    a.code = code;
                                                    a.name =
                                                            data.name() != null
                                                                    ? data.name()
                                                                    : code;
                                                    a.level =
                                                            data.level() != null
                                                                    ? data.level()
                                                                    : a.level == null
                                                                            ? "GRID"
                                                                            : a.level;
                                                    a.kind =
                                                            data.kind() != null
                                                                    ? data.kind()
                                                                    : a.kind == null
                                                                            ? "COMPREHENSIVE"
                                                                            : a.kind;
                                                    a.parentCode = data.parentCode();
                                                    a.updatedAt = clock.instant();
                                                    return existing != null
                                                            ? Uni.createFrom().voidItem()
                                                            : session.persist(a);
                                                }));
    }

    private static List<String> texts(List<String> values) {
        return values == null ? List.of() : values.stream().filter(Objects::nonNull).toList();
    }
}
