package cn.gridgov.dispatch.routing;

import cn.gridgov.dispatch.organisation.Area;
import cn.gridgov.dispatch.organisation.Department;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.kit.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * The rules and the organisation, held in memory so routing a case reads nothing but the case.
 * Reloaded after every change made here and every few seconds for changes made by another replica.
 */
@ApplicationScoped
public class RoutingTables {

    private static final Logger LOG = Logger.getLogger(RoutingTables.class);

    public record Tables(List<RoutingRule> rules, Organisation organisation) {}

    @ApplicationScoped
    public static class Rules implements PanacheRepositoryBase<RoutingRule, String> {}

    private final Mutiny.SessionFactory sessions;
    private final Vertx vertx;
    private final AtomicReference<Tables> current = new AtomicReference<>();

    public RoutingTables(Mutiny.SessionFactory sessions, Vertx vertx) {
        this.sessions = sessions;
        this.vertx = vertx;
    }

    /** The tables as last loaded, loading them first if need be. */
    public Uni<Tables> current() {
        var tables = current.get();
        return tables != null ? Uni.createFrom().item(tables) : load();
    }

    /** Reloads now; call after a committed change. */
    public Uni<Tables> reload() {
        return load();
    }

    @Scheduled(
            every = "${gridgov.routing.reload-interval:5s}",
            skipExecutionIf = Scheduled.ApplicationNotRunning.class)
    void onTick() {
        VertxContexts.onNewContext(vertx, this::reload)
                .subscribe()
                .with(
                        ignored -> {},
                        failure ->
                                LOG.warnf(
                                        "reloading routing tables failed: %s",
                                        failure.getMessage()));
    }

    /** Loads and keeps what it loaded. */
    public Uni<Tables> load() {
        return fetch().invoke(current::set);
    }

    /**
     * Loads without keeping it (for a change that may still fail). Reads through a stateless
     * session: the tables are shared by every request and consumer, and no session may ever flush,
     * or lock, rows it merely read for routing.
     */
    public Uni<Tables> fetch() {
        return sessions.withStatelessSession(
                session ->
                        session.createQuery("from RoutingRule", RoutingRule.class)
                                .getResultList()
                                .chain(
                                        allRules ->
                                                session.createQuery(
                                                                "from Department", Department.class)
                                                        .getResultList()
                                                        .chain(
                                                                allDepartments ->
                                                                        session.createQuery(
                                                                                        "from Area",
                                                                                        Area.class)
                                                                                .getResultList()
                                                                                .chain(
                                                                                        allAreas ->
                                                                                                session.<Object
                                                                                                                        []>
                                                                                                                createNativeQuery(
                                                                                                                        // No result class: with one, Hibernate adds a plan-cache entry per run (see RoutingService.sendBack).
                                                                                                                        "select zone_code, area_code from enforcement_zone_area")
                                                                                                        .getResultList()
                                                                                                        .map(
                                                                                                                zoneRows ->
                                                                                                                        new Tables(
                                                                                                                                List
                                                                                                                                        .copyOf(
                                                                                                                                                allRules),
                                                                                                                                new Organisation(
                                                                                                                                        byKey(
                                                                                                                                                allDepartments,
                                                                                                                                                d ->
                                                                                                                                                        d.code),
                                                                                                                                        byKey(
                                                                                                                                                allAreas,
                                                                                                                                                a ->
                                                                                                                                                        a.code),
                                                                                                                                        zonesByArea(
                                                                                                                                                zoneRows))))))));
    }

    private static Map<String, Set<String>> zonesByArea(List<Object[]> rows) {
        var byArea = new HashMap<String, Set<String>>();
        for (Object[] row : rows) {
            byArea.computeIfAbsent((String) row[1], ignored -> new HashSet<>())
                    .add((String) row[0]);
        }
        return byArea;
    }

    private static <T> Map<String, T> byKey(List<T> items, Function<T, String> key) {
        return items.stream().collect(Collectors.toMap(key, Function.identity()));
    }
}
