package cn.gridgov.cases.grid;

import cn.gridgov.kit.problem.Problem;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The areas under an area, as grid-service's area tree says (district → street or town → community
 * → grid, dedicated grids hung under their town): a community's code stands for its grids. A case
 * keeps only its own grid and the dedicated grids over it, so a search by a street or a post in a
 * community is a search by the codes below it. Answers are kept for ten minutes, and forgotten as
 * soon as grid-service announces an area change (with {@link GridLocator}'s cache).
 */
@ApplicationScoped
public class GridTree {

    private final GridServiceClient client;
    private final Cache<String, Optional<Map<String, String>>> cache =
            Caffeine.newBuilder()
                    .maximumSize(10_000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .build();
    private final AtomicLong generation = new AtomicLong();

    GridTree(GridServiceClient client) {
        this.client = client;
    }

    /**
     * The area's code with the codes of every area below it; empty when grid-service knows no such
     * area. A 503 {@code GRID_SERVICE_UNAVAILABLE} when grid-service cannot be asked.
     */
    public Uni<Optional<Set<String>>> under(String areaCode) {
        return parents(areaCode).map(parents -> parents.map(p -> Set.copyOf(p.keySet())));
    }

    /**
     * The areas right below this one, each with its own code and the codes under it (a district's
     * towns, a town's communities, a community's grids); empty when grid-service knows no such
     * area.
     */
    public Uni<Optional<Map<String, Set<String>>>> children(String areaCode) {
        return parents(areaCode)
                .map(
                        found ->
                                found.map(
                                        parents -> {
                                            var children = new LinkedHashMap<String, Set<String>>();
                                            for (var code : parents.keySet()) {
                                                var child = childOnTheWay(code, areaCode, parents);
                                                if (child != null) {
                                                    children.computeIfAbsent(
                                                                    child, c -> new HashSet<>())
                                                            .add(code);
                                                }
                                            }
                                            return children;
                                        }));
    }

    /** The child of {@code top} that {@code code} lies in or is; null for {@code top} itself. */
    private static String childOnTheWay(String code, String top, Map<String, String> parents) {
        var current = code;
        while (current != null && !current.equals(top)) {
            var parent = parents.get(current);
            if (top.equals(parent)) {
                return current;
            }
            current = parent;
        }
        return null;
    }

    /** Each area of the subtree with its parent, as grid-service says; kept for ten minutes. */
    private Uni<Optional<Map<String, String>>> parents(String areaCode) {
        var cached = cache.getIfPresent(areaCode);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        var generation = this.generation.get();
        return client.subtree(areaCode)
                .onFailure()
                .transform(
                        failure ->
                                new Problem(
                                        Problem.Kind.UNAVAILABLE,
                                        "GRID_SERVICE_UNAVAILABLE",
                                        null,
                                        "grid-service, which knows the areas under "
                                                + areaCode
                                                + ", cannot be asked now: "
                                                + failure.getMessage()))
                .map(
                        parents -> {
                            Optional<Map<String, String>> answer =
                                    parents == null
                                            ? Optional.empty()
                                            : Optional.of(Map.copyOf(parents));
                            if (generation == this.generation.get()) {
                                cache.put(areaCode, answer);
                            }
                            return answer;
                        });
    }

    /** Forgets every kept answer: called when areas change. */
    public void forgetAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
