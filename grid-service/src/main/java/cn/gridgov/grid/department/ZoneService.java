package cn.gridgov.grid.department;

import cn.gridgov.grid.audit.AuditKinds;
import cn.gridgov.grid.common.KnownCodes;
import cn.gridgov.grid.common.Lists;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Enforcement zones (片区) and the areas in each. */
@ApplicationScoped
public class ZoneService implements PanacheRepositoryBase<EnforcementZone, String> {

    private static final Pattern CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    private final KnownCodes known;
    private final Clock clock;
    private final AuditTrail audit;

    public ZoneService(KnownCodes known, Clock clock, AuditTrail audit) {
        this.audit = audit;
        this.known = known;
        this.clock = clock;
    }

    /**
     * Creates a zone; {@code actor} (the staff id from the token) is recorded in the audit trail.
     */
    public Uni<ZoneView> create(ZoneView zone, String actor) {
        return Panache.withTransaction(
                () ->
                        createInTransaction(zone)
                                .call(
                                        created ->
                                                audit.record(
                                                        actor,
                                                        AuditKinds.ZONE,
                                                        created.code(),
                                                        "CREATE",
                                                        null,
                                                        created)));
    }

    public Uni<ZoneView> createInTransaction(ZoneView zone) {
        if (zone.code() == null || !CODE.matcher(zone.code()).matches()) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "code",
                    "code must be 1 to 64 letters, digits, '-', '_' or '.'");
        }
        if (zone.name() == null || zone.name().isBlank()) {
            throw Problem.invalid("INVALID_INPUT", "name", "name must not be blank");
        }
        Lists.requireEach("areas", zone.areas(), CODE, "must be an area code");
        var areas = Lists.orEmpty(zone.areas());
        return findById(zone.code())
                .invoke(
                        existing -> {
                            if (existing != null) {
                                throw Problem.conflict(
                                        "ZONE_EXISTS",
                                        "code",
                                        "zone " + zone.code() + " already exists");
                            }
                        })
                .chain(() -> known.require(KnownCodes.Table.AREA, "areas", areas))
                .chain(
                        () -> {
                            var row = new EnforcementZone();
                            row.code = zone.code();
                            row.name = zone.name().strip();
                            row.updatedAt = clock.instant();
                            return persistAndFlush(row);
                        })
                .call(row -> addAreas(row.code, areas))
                .map(row -> new ZoneView(row.code, row.name, areas.stream().sorted().toList()));
    }

    private Uni<Void> addAreas(String zone, List<String> areas) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var area : areas) {
            chain =
                    chain.chain(
                            () ->
                                    getSession()
                                            .chain(
                                                    session ->
                                                            session.createNativeQuery(
                                                                            "insert into enforcement_zone_area (zone_code, area_code) values (:zone, :area)")
                                                                    .setParameter("zone", zone)
                                                                    .setParameter("area", area)
                                                                    .executeUpdate())
                                            .replaceWithVoid());
        }
        return chain;
    }

    @WithSession
    public Uni<List<ZoneView>> all() {
        return listAll()
                .chain(
                        zones ->
                                getSession()
                                        .chain(
                                                session ->
                                                        session.createNativeQuery(
                                                                        "select zone_code, area_code from enforcement_zone_area order by 1, 2",
                                                                        Object[].class)
                                                                .getResultList())
                                        .map(
                                                rows -> {
                                                    var areas = new TreeMap<String, List<String>>();
                                                    rows.forEach(
                                                            row ->
                                                                    areas.computeIfAbsent(
                                                                                    (String) row[0],
                                                                                    k ->
                                                                                            new ArrayList<>())
                                                                            .add((String) row[1]));
                                                    return zones.stream()
                                                            .sorted(
                                                                    java.util.Comparator.comparing(
                                                                            z -> z.code))
                                                            .map(
                                                                    z ->
                                                                            new ZoneView(
                                                                                    z.code,
                                                                                    z.name,
                                                                                    areas
                                                                                            .getOrDefault(
                                                                                                    z.code,
                                                                                                    List
                                                                                                            .of())))
                                                            .toList();
                                                }));
    }

    @WithSession
    public Uni<ZoneView> get(String code) {
        return all().map(
                        zones ->
                                zones.stream()
                                        .filter(z -> z.code().equals(code))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        Problem.notFound(
                                                                "ZONE_NOT_FOUND",
                                                                "code",
                                                                "no zone with code " + code)));
    }
}
