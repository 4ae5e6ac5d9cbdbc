package cn.gridgov.cases.grid;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Duration;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Finds a report's grid through grid-service. Never fails: an outage becomes {@link GridLookup.Unavailable}. */
@ApplicationScoped
public class GridLocator {

    private static final Logger LOG = Logger.getLogger(GridLocator.class);

    private final GridServiceClient client;
    private final Cache<String, GridLookup> cache = Caffeine.newBuilder()
            .maximumSize(100_000)
            .expireAfterWrite(Duration.ofMinutes(10))
            .build();
    private final java.util.concurrent.atomic.AtomicLong generation = new java.util.concurrent.atomic.AtomicLong();

    public GridLocator(@RestClient GridServiceClient client) {
        this.client = client;
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
        return ask(lon, lat).invoke(lookup -> {
            // An answer asked for before the grids changed is not kept.
            if (!(lookup instanceof GridLookup.Unavailable) && generation == this.generation.get()) {
                cache.put(key, lookup);
            }
        });
    }

    /** Forgets every cached answer: called when grids change. */
    public void forgetAll() {
        generation.incrementAndGet();
        cache.invalidateAll();
    }

    private Uni<GridLookup> ask(double lon, double lat) {
        return client.locate(lon, lat)
                .<GridLookup>map(location -> new GridLookup.Located(location.grid().code(),
                        location.dedicated() == null ? java.util.List.of()
                                : location.dedicated().stream().map(GridServiceClient.AreaDto::code).toList()))
                .onFailure().recoverWithItem(failure -> {
                    if (failure instanceof WebApplicationException http && http.getResponse().getStatus() == 404) {
                        return new GridLookup.Outside(messageOf(http));
                    }
                    LOG.warnf("grid-service unavailable, the case will be located later: %s", failure.toString());
                    return new GridLookup.Unavailable(failure.getMessage());
                });
    }

    private static String messageOf(WebApplicationException http) {
        try {
            return http.getResponse().readEntity(JsonNode.class).path("message").asText("outside every grid");
        } catch (RuntimeException unreadable) {
            return "the location lies outside every grid";
        }
    }
}
