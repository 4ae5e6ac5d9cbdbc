package cn.gridgov.grid.demo;

import cn.gridgov.grid.area.GridAreaRepository;
import cn.gridgov.grid.area.GridAreaService;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/** Loads the demo town at start when asked to, once: a second start finds it and does nothing. */
@ApplicationScoped
public class DemoTownLoader {

    private static final Logger LOG = Logger.getLogger(DemoTownLoader.class);

    private final GridAreaService service;
    private final GridAreaRepository areas;
    private final boolean enabled;

    public DemoTownLoader(GridAreaService service, GridAreaRepository areas,
                          @ConfigProperty(name = "gridgov.demo-town.enabled") boolean enabled) {
        this.service = service;
        this.areas = areas;
        this.enabled = enabled;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        if (enabled) {
            // One transaction: a demo town is loaded whole or not at all.
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(this::loadIfAbsent));
        }
    }

    private Uni<Void> loadIfAbsent() {
        return areas.findById(DemoTown.DISTRICT).chain(district -> {
            if (district != null) {
                LOG.info("demo town already loaded");
                return Uni.createFrom().voidItem();
            }
            var town = DemoTown.areas();
            return Multi.createFrom().iterable(town)
                    .onItem().transformToUniAndConcatenate(service::create)
                    .collect().last()
                    .invoke(() -> LOG.infof("demo town loaded: %d areas", town.size()))
                    .replaceWithVoid();
        });
    }
}
