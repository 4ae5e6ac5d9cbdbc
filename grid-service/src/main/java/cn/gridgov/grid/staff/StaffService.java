package cn.gridgov.grid.staff;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.grid.audit.AuditKinds;
import cn.gridgov.grid.common.KnownCodes;
import cn.gridgov.grid.messaging.GridEvents;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * People, their posts, their duty and their whereabouts. Every change to a person and its
 * grid.staff-changed event are one transaction; references are checked first, so a refused request
 * leaves nothing behind. Location pings are not announced: they are far too frequent for a cache
 * feed, and the latest one is always queryable here.
 */
@ApplicationScoped
public class StaffService {

    private static final Logger LOG = Logger.getLogger(StaffService.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    /** A phone whose clock runs ahead would otherwise pin its owner's location until that time. */
    private static final Duration FUTURE_TOLERANCE = Duration.ofMinutes(5);

    public static final int MAX_NEAREST = 100;

    private final StaffRepository staff;
    private final PingBatcher pings;
    private final RoleCatalogue roles;
    private final KnownCodes known;
    private final GridEvents events;
    private final OutboxRelay relay;
    private final Clock clock;
    private final AuditTrail audit;

    public StaffService(
            StaffRepository staff,
            PingBatcher pings,
            RoleCatalogue roles,
            KnownCodes known,
            GridEvents events,
            OutboxRelay relay,
            Clock clock,
            AuditTrail audit) {
        this.audit = audit;
        this.staff = staff;
        this.pings = pings;
        this.roles = roles;
        this.known = known;
        this.events = events;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * Creates a person; {@code actor} (the staff id from the token) is recorded in the audit trail.
     */
    public Uni<StaffView> create(NewStaff person, String actor) {
        return Panache.withTransaction(
                        () ->
                                createInTransaction(person)
                                        .call(
                                                view ->
                                                        audit.record(
                                                                actor,
                                                                AuditKinds.STAFF,
                                                                view.staffId(),
                                                                "CREATE",
                                                                null,
                                                                view)))
                .invoke(relay::nudge);
    }

    /** For callers that already hold a transaction (the demo town loader). */
    public Uni<StaffView> createInTransaction(NewStaff person) {
        return Uni.createFrom()
                .item(() -> checked(person))
                .call(
                        p ->
                                staff.findById(p.id())
                                        .invoke(
                                                existing -> {
                                                    if (existing != null) {
                                                        throw Problem.conflict(
                                                                "STAFF_EXISTS",
                                                                "id",
                                                                "staff "
                                                                        + p.id()
                                                                        + " already exists");
                                                    }
                                                }))
                .call(this::requireReferences)
                .call(
                        p -> {
                            var row = new Staff();
                            row.id = p.id();
                            apply(row, p);
                            return staff.persistAndFlush(row);
                        })
                .call(p -> staff.replacePosts(p.id(), p.posts()))
                .chain(p -> announce(p.id()))
                .invoke(
                        view ->
                                LOG.debugf(
                                        "staff %s created with %d posts",
                                        view.staffId(), view.posts().size()));
    }

    /**
     * Replaces a person's name, phone, department, duty and posts; the audit trail keeps what they
     * were.
     */
    public Uni<StaffView> update(NewStaff person, String actor) {
        var before = new StaffView[1];
        return Panache.withTransaction(
                        () ->
                                Uni.createFrom()
                                        .item(() -> checked(person))
                                        .call(this::requireReferences)
                                        .call(
                                                p ->
                                                        staff.findById(p.id())
                                                                .onItem()
                                                                .ifNull()
                                                                .failWith(() -> notFound(p.id()))
                                                                .call(
                                                                        row ->
                                                                                current(p.id())
                                                                                        .invoke(
                                                                                                view ->
                                                                                                        before[
                                                                                                                        0] =
                                                                                                                view))
                                                                .invoke(row -> apply(row, p)))
                                        .call(p -> staff.replacePosts(p.id(), p.posts()))
                                        .chain(p -> announce(p.id()))
                                        .call(
                                                view ->
                                                        audit.record(
                                                                actor,
                                                                AuditKinds.STAFF,
                                                                view.staffId(),
                                                                "UPDATE",
                                                                before[0],
                                                                view)))
                .invoke(relay::nudge);
    }

    /** On or off duty, set by the person themselves or an administrator ({@code actor}). */
    public Uni<StaffView> setOnDuty(String id, boolean onDuty, String actor) {
        var before = new StaffView[1];
        return Panache.withTransaction(
                        () ->
                                staff.findById(id)
                                        .onItem()
                                        .ifNull()
                                        .failWith(() -> notFound(id))
                                        .call(row -> current(id).invoke(view -> before[0] = view))
                                        .invoke(
                                                row -> {
                                                    row.onDuty = onDuty;
                                                    row.updatedAt = clock.instant();
                                                })
                                        .chain(row -> announce(id))
                                        .call(
                                                view ->
                                                        audit.record(
                                                                actor,
                                                                AuditKinds.STAFF,
                                                                id,
                                                                "DUTY",
                                                                before[0],
                                                                view)))
                .invoke(relay::nudge);
    }

    /** The person as stored now, read before a change (the audit trail's "before"). */
    private Uni<StaffView> current(String id) {
        return staff.views(List.of(id)).map(found -> found.get(0));
    }

    @WithSession
    public Uni<StaffView> get(String id) {
        return staff.views(List.of(id))
                .map(
                        found -> {
                            if (found.isEmpty()) {
                                throw notFound(id);
                            }
                            return found.get(0);
                        });
    }

    @WithSession
    public Uni<List<StaffView>> onDutyIn(String areaCode, String role) {
        if (role != null) {
            roles.requireKnown("role", role);
        }
        return known.require(KnownCodes.Table.AREA, "code", List.of(areaCode))
                .onFailure(Problem.class)
                .transform(
                        e ->
                                Problem.notFound(
                                        "AREA_NOT_FOUND", "code", "no area with code " + areaCode))
                .chain(() -> staff.onDutyIn(areaCode, role))
                .chain(staff::views);
    }

    @WithSession
    public Uni<List<StaffView>> nearestOnDuty(double lon, double lat, String role, int limit) {
        if (role != null) {
            roles.requireKnown("role", role);
        }
        if (limit < 1 || limit > MAX_NEAREST) {
            throw Problem.invalid(
                    "INVALID_INPUT", "limit", "limit must be between 1 and " + MAX_NEAREST);
        }
        return staff.nearestOnDuty(lon, lat, role, limit)
                .chain(
                        nearest ->
                                staff.views(List.copyOf(nearest.keySet()))
                                        .map(
                                                views ->
                                                        views.stream()
                                                                .map(
                                                                        v ->
                                                                                v.at(
                                                                                        nearest.get(
                                                                                                v
                                                                                                        .staffId())))
                                                                .toList()));
    }

    /** One ping from the REST API: the person must exist, the ping must be plausible. */
    public Uni<Void> recordLocation(LocationPing ping) {
        requirePlausible(ping);
        return pings.record(ping)
                .invoke(
                        known -> {
                            if (!known) {
                                throw notFound(ping.staffId());
                            }
                        })
                .replaceWithVoid();
    }

    /** Refuses a ping whose time is missing or in the future beyond clock skew. */
    public void requirePlausible(LocationPing ping) {
        if (ping.at() == null) {
            throw Problem.invalid("INVALID_INPUT", "at", "at (the time of the fix) is required");
        }
        if (ping.at().isAfter(clock.instant().plus(FUTURE_TOLERANCE))) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "at",
                    "at lies more than " + FUTURE_TOLERANCE.toMinutes() + " minutes in the future");
        }
        if (ping.accuracyMeters() != null && ping.accuracyMeters() < 0) {
            throw Problem.invalid(
                    "INVALID_INPUT", "accuracyMeters", "accuracyMeters must not be negative");
        }
    }

    private Uni<StaffView> announce(String id) {
        // Flush first: the view is read by SQL, which must see the entity's pending changes.
        return Panache.getSession()
                .chain(session -> session.flush())
                .chain(() -> staff.views(List.of(id)))
                .map(found -> found.get(0))
                .call(
                        view ->
                                events.changed(
                                        GridTypes.STAFF_CHANGED,
                                        view.staffId(),
                                        GridEvents.staffChanged(view)));
    }

    private void apply(Staff row, NewStaff person) {
        row.name = person.name();
        row.phone = person.phone();
        row.departmentCode = person.departmentCode();
        row.onDuty = person.onDuty();
        row.updatedAt = clock.instant();
    }

    private NewStaff checked(NewStaff p) {
        if (p.id() == null || !ID.matcher(p.id()).matches()) {
            throw Problem.invalid(
                    "INVALID_INPUT", "id", "id must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (p.name() == null || p.name().isBlank() || p.name().length() > 100) {
            throw Problem.invalid("INVALID_INPUT", "name", "name must be 1 to 100 characters");
        }
        if (p.phone() != null && !p.phone().matches("\\+?[0-9 -]{3,20}")) {
            throw Problem.invalid(
                    "INVALID_INPUT", "phone", "phone must be 3 to 20 digits, spaces or '-'");
        }
        var posts = p.posts() == null ? List.<Post>of() : p.posts();
        var seen = new HashSet<Post>();
        for (int i = 0; i < posts.size(); i++) {
            var post = posts.get(i);
            if (post == null) {
                throw Problem.invalid(
                        "INVALID_INPUT", "posts[" + i + "]", "posts[" + i + "] must not be null");
            }
            roles.requireKnown("posts[" + i + "].role", post.role());
            if (RoleCatalogue.DISTRICT_POSTS.contains(post.role()) && post.areaCode() == null) {
                throw Problem.invalid(
                        "INVALID_INPUT",
                        "posts[" + i + "].areaCode",
                        post.role()
                                + " is held in the district (area) it serves: name its areaCode");
            }
            if (!seen.add(post)) {
                throw Problem.invalid(
                        "INVALID_INPUT",
                        "posts[" + i + "]",
                        "post " + post.role() + " in " + post.areaCode() + " is listed twice");
            }
        }
        if (posts.stream().anyMatch(post -> "DEPARTMENT_STAFF".equals(post.role()))
                && p.departmentCode() == null) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "departmentCode",
                    "department staff must belong to a department");
        }
        return new NewStaff(
                p.id(), p.name().strip(), p.phone(), p.departmentCode(), p.onDuty(), posts);
    }

    private Uni<Void> requireReferences(NewStaff p) {
        return known.require(
                        KnownCodes.Table.DEPARTMENT,
                        "departmentCode",
                        p.departmentCode() == null ? List.of() : List.of(p.departmentCode()))
                .onFailure(Problem.class)
                .transform(
                        e ->
                                Problem.invalid(
                                        "UNKNOWN_DEPARTMENT",
                                        "departmentCode",
                                        "no department with code " + p.departmentCode()))
                .chain(() -> requireAreas(p.posts()));
    }

    private Uni<Void> requireAreas(List<Post> posts) {
        var areas = posts.stream().map(Post::areaCode).toList();
        return known.firstMissing(KnownCodes.Table.AREA, areas)
                .invoke(
                        index -> {
                            if (index >= 0) {
                                throw Problem.invalid(
                                        "UNKNOWN_AREA",
                                        "posts[" + index + "].areaCode",
                                        "no area with code " + areas.get(index));
                            }
                        })
                .replaceWithVoid();
    }

    private static Problem notFound(String id) {
        return Problem.notFound("STAFF_NOT_FOUND", "id", "no staff with id " + id);
    }
}
