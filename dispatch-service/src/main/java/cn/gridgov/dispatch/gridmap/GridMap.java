package cn.gridgov.dispatch.gridmap;

import cn.gridgov.dispatch.gridservice.GridServiceUnavailable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * The grids the console's map draws: grid-service's GeoJSON export of the district, passed through
 * as it comes and kept for a short while.
 *
 * <p>Why here rather than the browser asking grid-service: the console is served by this service,
 * so the browser stays on one origin (no CORS rule on grid-service to keep in step with wherever
 * consoles are served from); the grid-service address and timeouts are the ones this service
 * already uses for recommendations; and a short-lived copy spares grid-service a PostGIS export for
 * every console that reloads. A failure is not kept: the next request asks grid-service again.
 */
@ApplicationScoped
public class GridMap {

    public static final String GEO_JSON = "application/geo+json";

    private static final Logger LOG = Logger.getLogger(GridMap.class);

    private record Copy(String geoJson, Instant fetchedAt) {}

    private final GridAreaClient client;
    private final GridMapConfig config;
    private final Clock clock;
    private final AtomicReference<Copy> copy = new AtomicReference<>();

    public GridMap(@RestClient GridAreaClient client, GridMapConfig config, Clock clock) {
        this.client = client;
        this.config = config;
        this.clock = clock;
    }

    /**
     * The area and everything below it (towns, communities, grids, dedicated grids) as a
     * FeatureCollection.
     */
    public Uni<String> geoJson() {
        var held = copy.get();
        if (held != null && clock.instant().isBefore(held.fetchedAt().plus(config.keepFor()))) {
            return Uni.createFrom().item(held.geoJson());
        }
        return client.export(config.area())
                .invoke(geoJson -> copy.set(new Copy(geoJson, clock.instant())))
                .onFailure()
                .transform(
                        failure -> {
                            LOG.warnf(
                                    "grid-service export of %s failed: %s",
                                    config.area(), failure.toString());
                            return GridServiceUnavailable.because(
                                    "grid-service could not give the grids of " + config.area(),
                                    failure);
                        });
    }
}
