package cn.gridgov.grid.department;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.audit.AuditKinds;
import cn.gridgov.grid.common.KnownCodes;
import cn.gridgov.grid.common.Lists;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Creates and changes departments. A change, its lists and its grid.department-changed event are
 * one transaction; every reference is checked first, so a refused request leaves nothing behind.
 */
@ApplicationScoped
public class DepartmentService {

    private static final Logger LOG = Logger.getLogger(DepartmentService.class);
    private static final Pattern CATEGORY = Pattern.compile("[0-9]{2}([0-9]{2})?");
    private static final Pattern CATEGORY_PREFIX = Pattern.compile("[0-9]{2}([0-9]{2})?");
    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final DepartmentRepository departments;
    private final KnownCodes known;
    private final GridEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final AuditTrail audit;

    public DepartmentService(
            DepartmentRepository departments,
            KnownCodes known,
            GridEvents events,
            OutboxRelay relay,
            Clock clock,
            AuditTrail audit) {
        this.audit = audit;
        this.departments = departments;
        this.known = known;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Creates a department; {@code actor} (the staff id from the token) is recorded in the audit
     * trail.
     */
    public Uni<DepartmentView> create(NewDepartment request, String actor) {
        return Panache.withTransaction(
                        () ->
                                createInTransaction(request)
                                        .call(
                                                view ->
                                                        audit.record(
                                                                actor,
                                                                AuditKinds.DEPARTMENT,
                                                                view.code(),
                                                                "CREATE",
                                                                null,
                                                                view)))
                .invoke(relay::nudge);
    }

    /** For callers that already hold a transaction (the demo town loader). */
    public Uni<DepartmentView> createInTransaction(NewDepartment request) {
        var department = normalised(request);
        return departments
                .findById(department.code())
                .invoke(
                        existing -> {
                            if (existing != null) {
                                throw Problem.conflict(
                                        "DEPARTMENT_EXISTS",
                                        "code",
                                        "department " + department.code() + " already exists");
                            }
                        })
                .chain(() -> requireReferences(department))
                .chain(
                        () -> {
                            var row = new Department();
                            row.code = department.code();
                            row.name = department.name();
                            row.level = department.level();
                            row.updatedAt = clock.instant();
                            return departments.persistAndFlush(row);
                        })
                .chain(
                        row ->
                                departments
                                        .replaceLists(department)
                                        .chain(() -> departments.view(row)))
                .call(
                        view ->
                                events.changed(
                                        GridTypes.DEPARTMENT_CHANGED,
                                        view.code(),
                                        GridEvents.departmentChanged(view)))
                .invoke(view -> LOG.infof("department %s (%s) created", view.code(), view.name()));
    }

    /** Replaces a department's name, level and lists; the audit trail keeps what it was before. */
    public Uni<DepartmentView> update(NewDepartment request, String actor) {
        var department = normalised(request);
        var before = new DepartmentView[1];
        return Panache.withTransaction(
                        () ->
                                departments
                                        .findById(department.code())
                                        .onItem()
                                        .ifNull()
                                        .failWith(() -> notFound(department.code()))
                                        .call(() -> requireReferences(department))
                                        .call(
                                                row ->
                                                        departments
                                                                .view(row)
                                                                .invoke(view -> before[0] = view))
                                        .invoke(
                                                row -> {
                                                    row.name = department.name();
                                                    row.level = department.level();
                                                    row.updatedAt = clock.instant();
                                                })
                                        .call(row -> departments.replaceLists(department))
                                        .chain(departments::view)
                                        .call(
                                                view ->
                                                        events.changed(
                                                                GridTypes.DEPARTMENT_CHANGED,
                                                                view.code(),
                                                                GridEvents.departmentChanged(view)))
                                        .call(
                                                view ->
                                                        audit.record(
                                                                actor,
                                                                AuditKinds.DEPARTMENT,
                                                                view.code(),
                                                                "UPDATE",
                                                                before[0],
                                                                view)))
                .invoke(relay::nudge);
    }

    @WithSession
    public Uni<List<DepartmentView>> all() {
        return departments.listAll().chain(departments::views);
    }

    @WithSession
    public Uni<DepartmentView> get(String code) {
        return departments
                .findById(code)
                .onItem()
                .ifNull()
                .failWith(() -> notFound(code))
                .chain(departments::view);
    }

    /**
     * Who handles category X here (权责清单 applied to a place): departments whose responsibility list
     * holds a prefix of the category and whose jurisdiction holds one of the areas or an ancestor.
     * The most specific prefix comes first, then street-level before district-level, then by code.
     */
    @WithSession
    public Uni<List<Responsibility>> responsibleFor(String category, List<String> areas) {
        if (category == null || !CATEGORY.matcher(category).matches()) {
            throw Problem.invalid(
                    "INVALID_INPUT", "category", "category must be a code of two or four digits");
        }
        if (areas == null || areas.isEmpty()) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "area",
                    "name at least one area (the grid, and any dedicated grids)");
        }
        return known.require(KnownCodes.Table.AREA, "area", areas)
                .chain(() -> departments.responsibleFor(category, areas));
    }

    private static Problem notFound(String code) {
        return Problem.notFound("DEPARTMENT_NOT_FOUND", "code", "no department with code " + code);
    }

    private static NewDepartment normalised(NewDepartment d) {
        if (d.code() == null || !CODE.matcher(d.code()).matches()) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "code",
                    "code must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (d.name() == null || d.name().isBlank() || d.name().length() > 200) {
            throw Problem.invalid("INVALID_INPUT", "name", "name must be 1 to 200 characters");
        }
        if (d.level() == null) {
            throw Problem.invalid(
                    "INVALID_INPUT", "level", "level must be one of DISTRICT, STREET");
        }
        Lists.requireEach(
                "responsibilities",
                d.responsibilities(),
                CATEGORY_PREFIX,
                "must be a category prefix of two digits (a section) or four (an item)");
        Lists.requireEach("jurisdiction", d.jurisdiction(), CODE, "must be an area code");
        Lists.requireEach("zones", d.zones(), CODE, "must be a zone code");
        return new NewDepartment(
                d.code(),
                d.name().strip(),
                d.level(),
                Lists.orEmpty(d.responsibilities()),
                Lists.orEmpty(d.jurisdiction()),
                Lists.orEmpty(d.zones()));
    }

    private Uni<Void> requireReferences(NewDepartment department) {
        return known.require(KnownCodes.Table.AREA, "jurisdiction", department.jurisdiction())
                .chain(() -> known.require(KnownCodes.Table.ZONE, "zones", department.zones()));
    }
}
