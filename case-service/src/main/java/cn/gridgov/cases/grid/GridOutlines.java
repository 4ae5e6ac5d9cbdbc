package cn.gridgov.cases.grid;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The outlines of grids as grid-service draws them (its GeoJSON export), for the phone page's map:
 * a grid worker sees the grids where they work without a map tile server. Kept for ten minutes per
 * grid, and forgotten as soon as grid-service announces an area change (with {@link GridTree}'s
 * answers).
 */
@ApplicationScoped
public class GridOutlines {

    private final GridServiceClient client;
    private final ObjectMapper json;
    private final Cache<String, Optional<JsonNode>> cache =
            Caffeine.newBuilder()
                    .maximumSize(1_000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .build();
    private final AtomicLong generation = new AtomicLong();

    GridOutlines(GridServiceClient client, ObjectMapper json) {
        this.client = client;
        this.json = json;
    }

    /**
     * A GeoJSON FeatureCollection of these grids (code, name, level, kind and polygon of each); a
     * grid grid-service does not know is left out. A 503 {@code GRID_SERVICE_UNAVAILABLE} when it
     * cannot be asked.
     */
    public Uni<ObjectNode> of(Collection<String> gridCodes) {
        return Multi.createFrom()
                .iterable(gridCodes)
                .onItem()
                .transformToUniAndConcatenate(this::outline)
                .collect()
                .in(
                        ArrayList<JsonNode>::new,
                        (features, outline) -> outline.ifPresent(features::add))
                .map(this::collection);
    }

    private Uni<Optional<JsonNode>> outline(String gridCode) {
        var cached = cache.getIfPresent(gridCode);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        var generation = this.generation.get();
        return client.export(gridCode)
                .onFailure()
                .transform(
                        failure ->
                                new Problem(
                                        Problem.Kind.UNAVAILABLE,
                                        "GRID_SERVICE_UNAVAILABLE",
                                        null,
                                        "grid-service, which draws grid "
                                                + gridCode
                                                + ", cannot be asked now: "
                                                + failure.getMessage()))
                .map(
                        features -> {
                            Optional<JsonNode> answer = Optional.empty();
                            if (features != null) {
                                for (var feature : features) {
                                    if (gridCode.equals(
                                            feature.path("properties").path("code").asText(null))) {
                                        answer = Optional.of(feature);
                                    }
                                }
                            }
                            if (generation == this.generation.get()) {
                                cache.put(gridCode, answer);
                            }
                            return answer;
                        });
    }

    private ObjectNode collection(List<JsonNode> features) {
        var collection = json.createObjectNode().put("type", "FeatureCollection");
        collection.putArray("features").addAll(features);
        return collection;
    }

    /** Forgets every kept outline: called when areas change. */
    public void forgetAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
