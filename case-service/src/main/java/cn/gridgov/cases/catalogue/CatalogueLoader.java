package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Loads the catalogue file into an empty database at start, then keeps the in-memory catalogue
 * fresh. Once loaded, the database is the truth and the API edits it; the file seeds new installs.
 */
@ApplicationScoped
public class CatalogueLoader {

    private static final Logger LOG = Logger.getLogger(CatalogueLoader.class);

    private final Catalogue catalogue;
    private final ObjectMapper json;
    private final String resource;

    public CatalogueLoader(Catalogue catalogue, ObjectMapper json,
                           @ConfigProperty(name = "gridgov.catalogue.resource") String resource) {
        this.catalogue = catalogue;
        this.json = json;
        this.resource = resource;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        var file = read();
        VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> seedIfEmpty(file))
                .chain(() -> Panache.withSession(catalogue::reload)));
    }

    @Scheduled(every = "30s", delayed = "30s")
    Uni<Void> refresh() {
        return Panache.withSession(catalogue::reload);
    }

    private CatalogueFile read() throws IOException {
        try (var in = Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("catalogue file " + resource + " is not on the class path");
            }
            return json.readValue(in, CatalogueFile.class);
        }
    }

    private Uni<Void> seedIfEmpty(CatalogueFile file) {
        return Panache.getSession().chain(session -> session.createQuery("select count(*) from Category", Long.class)
                .getSingleResult()
                .chain(count -> {
                    if (count > 0) {
                        return Uni.createFrom().voidItem();
                    }
                    var rows = rows(file);
                    LOG.infof("loading the category catalogue from %s: %d rows", resource, rows.size());
                    return session.persistAll(rows.toArray());
                }));
    }

    private static List<Object> rows(CatalogueFile file) {
        var rows = new ArrayList<>();
        for (var section : file.sections()) {
            var s = new Category();
            s.code = section.code();
            s.name = section.name();
            s.defaultUrgency = Urgency.NORMAL;
            s.active = true;
            rows.add(s);
            for (var item : section.items()) {
                var c = new Category();
                c.code = item.code();
                c.sectionCode = section.code();
                c.name = item.name();
                c.registerConditions = item.registerConditions();
                c.closeConditions = item.closeConditions();
                c.defaultUrgency = item.defaultUrgency() == null ? Urgency.NORMAL : item.defaultUrgency();
                c.photoRequired = item.photoRequired();
                c.active = true;
                rows.add(c);
                for (var urgency : Urgency.values()) {
                    for (var step : Step.fromCatalogue()) {
                        var limit = file.limitOf(item, urgency, step);
                        var row = new CategoryTimeLimit();
                        row.categoryCode = item.code();
                        row.urgency = urgency;
                        row.step = step;
                        row.hours = BigDecimal.valueOf(limit.hours());
                        row.workingTime = limit.workingTime();
                        rows.add(row);
                    }
                }
            }
        }
        for (var day : file.calendar()) {
            var d = new CalendarDay();
            d.day = day.day();
            d.working = day.working();
            d.name = day.name();
            rows.add(d);
        }
        return rows;
    }
}
