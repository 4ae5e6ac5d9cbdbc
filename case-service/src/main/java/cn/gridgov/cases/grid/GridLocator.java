package cn.gridgov.cases.grid;

import cn.gridgov.kit.batch.Batcher;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Finds a report's grid through grid-service. Never fails: an outage becomes {@link
 * GridLookup.Unavailable}. Points not in the cache are asked together: those that arrive while a
 * request to grid-service is in flight go in the next one.
 */
@ApplicationScoped
public class GridLocator {

    private final Cache<String, GridLookup> cache =
            Caffeine.newBuilder()
                    .maximumSize(100_000)
                    .expireAfterWrite(Duration.ofMinutes(10))
                    .build();
    private final AtomicLong generation = new AtomicLong();
    private final Batcher<GridServiceClient.Point, GridLookup> asker;

    public GridLocator(GridServiceClient client, GridServiceConfig config) {
        this.asker =
                new Batcher<>(
                        config.locate().maxPoints(),
                        config.locate().maxInFlight(),
                        client::locateAll);
    }

    /**
     * Answers from a cache keyed by the point to a metre (grids change seldom; a grid change event
     * empties it). Only real answers are cached, never an outage.
     */
    public Uni<GridLookup> locate(double lon, double lat) {
        var key = Math.round(lon * 100_000) + ":" + Math.round(lat * 100_000);
        var cached = cache.getIfPresent(key);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        var generation = this.generation.get();
        return asker.submit(new GridServiceClient.Point(lon, lat))
                .invoke(
                        lookup -> {
                            // An answer asked for before the grids changed is not kept.
                            if (!(lookup instanceof GridLookup.Unavailable)
                                    && generation == this.generation.get()) {
                                cache.put(key, lookup);
                            }
                        });
    }

    /** Forgets every cached answer: called when grids change. */
    public void forgetAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }
}
