package cn.gridgov.grid.demo;

import cn.gridgov.grid.area.GridAreaRepository;
import cn.gridgov.grid.area.GridAreaService;
import cn.gridgov.grid.area.GridIndex;
import cn.gridgov.grid.area.NewArea;
import cn.gridgov.grid.department.DepartmentRepository;
import cn.gridgov.grid.department.DepartmentService;
import cn.gridgov.grid.department.ZoneService;
import cn.gridgov.grid.staff.LocationPing;
import cn.gridgov.grid.staff.StaffRepository;
import cn.gridgov.grid.staff.StaffService;
import cn.gridgov.kit.lock.TransactionLock;
import cn.gridgov.kit.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the demo town at start when asked to. Each part (comprehensive grids, dedicated grids, the
 * neighbouring district, zones, departments, staff, the neighbouring district's staff) is loaded if
 * its first item is missing, so a database holding an older, smaller demo town is completed and a
 * second start does nothing. All parts load in one transaction, under a lock: two instances
 * starting on an empty database at once take turns, and the second finds the town loaded.
 */
@ApplicationScoped
public class DemoTownLoader {

    private static final Logger LOG = Logger.getLogger(DemoTownLoader.class);

    private final GridAreaService areaService;
    private final GridAreaRepository areas;
    private final ZoneService zones;
    private final DepartmentService departmentService;
    private final DepartmentRepository departments;
    private final StaffService staffService;
    private final StaffRepository staff;
    private final OutboxRelay relay;
    private final GridIndex index;
    private final Clock clock;
    private final boolean enabled;

    public DemoTownLoader(
            GridAreaService areaService,
            GridAreaRepository areas,
            ZoneService zones,
            DepartmentService departmentService,
            DepartmentRepository departments,
            StaffService staffService,
            StaffRepository staff,
            OutboxRelay relay,
            GridIndex index,
            Clock clock,
            @ConfigProperty(name = "gridgov.demo-town.enabled") boolean enabled) {
        this.areaService = areaService;
        this.areas = areas;
        this.zones = zones;
        this.departmentService = departmentService;
        this.departments = departments;
        this.staffService = staffService;
        this.staff = staff;
        this.relay = relay;
        this.index = index;
        this.clock = clock;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            VertxContextSupport.subscribeAndAwait(
                    () ->
                            Panache.withTransaction(
                                    () ->
                                            TransactionLock.take("demo-town")
                                                    .chain(this::loadMissingParts)));
            index.markStale();
            relay.nudge();
        }
    }

    private Uni<Void> loadMissingParts() {
        return part(
                        "comprehensive grids",
                        () -> areas.findById(DemoTown.DISTRICT),
                        DemoTown::areas,
                        areaService::createInTransaction)
                .chain(
                        () ->
                                part(
                                        "dedicated grids",
                                        () -> areas.findById("DG-PORT"),
                                        DemoTown::dedicatedGrids,
                                        (NewArea area) -> areaService.createInTransaction(area)))
                .chain(
                        () ->
                                part(
                                        "neighbouring district",
                                        () -> areas.findById(DemoTown.NEIGHBOUR_DISTRICT),
                                        () -> List.of(DemoTown.neighbourDistrict()),
                                        (NewArea area) -> areaService.createInTransaction(area)))
                .chain(
                        () ->
                                part(
                                        "enforcement zones",
                                        () -> zones.findById("PQ-1"),
                                        DemoOrganisation::zones,
                                        zones::createInTransaction))
                .chain(
                        () ->
                                part(
                                        "departments",
                                        () -> departments.findById("CC"),
                                        DemoOrganisation::departments,
                                        departmentService::createInTransaction))
                .chain(
                        () ->
                                part(
                                        "staff",
                                        () -> staff.findById("G01-1"),
                                        DemoOrganisation::staff,
                                        person ->
                                                staffService
                                                        .createInTransaction(person.person())
                                                        .chain(
                                                                () ->
                                                                        staff.placeInTransaction(
                                                                                new LocationPing(
                                                                                        person.person()
                                                                                                .id(),
                                                                                        person
                                                                                                .longitude(),
                                                                                        person
                                                                                                .latitude(),
                                                                                        10.0,
                                                                                        clock
                                                                                                .instant())))))
                .chain(
                        () ->
                                part(
                                        "neighbouring district's staff",
                                        () ->
                                                staff.findById(
                                                        DemoOrganisation.neighbourStaff()
                                                                .get(0)
                                                                .person()
                                                                .id()),
                                        DemoOrganisation::neighbourStaff,
                                        person ->
                                                staffService.createInTransaction(person.person())));
    }

    private static <T> Uni<Void> part(
            String name,
            Supplier<Uni<?>> firstItem,
            Supplier<List<T>> items,
            Function<T, Uni<?>> create) {
        return firstItem
                .get()
                .chain(
                        found -> {
                            if (found != null) {
                                LOG.debugf("demo town: %s already loaded", name);
                                return Uni.createFrom().voidItem();
                            }
                            var all = items.get();
                            return Multi.createFrom()
                                    .iterable(all)
                                    .onItem()
                                    .transformToUniAndConcatenate(create::apply)
                                    .collect()
                                    .last()
                                    .invoke(
                                            () ->
                                                    LOG.infof(
                                                            "demo town: %d %s loaded",
                                                            all.size(), name))
                                    .replaceWithVoid();
                        });
    }
}
