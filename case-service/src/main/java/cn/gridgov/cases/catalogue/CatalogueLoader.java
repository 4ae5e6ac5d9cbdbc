package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.kit.lock.TransactionLock;
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
 * Seeding runs under a lock: two instances starting on an empty database at once take turns, and
 * the second finds the catalogue there.
 */
@ApplicationScoped
public class CatalogueLoader {

    private static final Logger LOG = Logger.getLogger(CatalogueLoader.class);
    private static final String SEED_LOCK = "catalogue-seed";

    private final Catalogue catalogue;
    private final ObjectMapper json;
    private final String resource;

    public CatalogueLoader(
            Catalogue catalogue,
            ObjectMapper json,
            @ConfigProperty(name = "gridgov.catalogue.resource") String resource) {
        this.catalogue = catalogue;
        this.json = json;
        this.resource = resource;
    }

    void onStart(@Observes StartupEvent event) throws Throwable {
        var file = read();
        VertxContextSupport.subscribeAndAwait(
                () ->
                        Panache.withTransaction(
                                        () ->
                                                TransactionLock.take(SEED_LOCK)
                                                        .chain(() -> seedIfEmpty(file)))
                                .chain(
                                        () ->
                                                Panache.withTransaction(
                                                        () ->
                                                                TransactionLock.take(SEED_LOCK)
                                                                        .chain(
                                                                                () ->
                                                                                        seedAttributesIfNone(
                                                                                                file))))
                                .chain(() -> Panache.withSession(catalogue::reload)));
    }

    @Scheduled(every = "30s", delayed = "30s")
    Uni<Void> refresh() {
        return Panache.withSession(catalogue::reload);
    }

    private CatalogueFile read() throws IOException {
        try (var in =
                Thread.currentThread().getContextClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(
                        "catalogue file " + resource + " is not on the class path");
            }
            return json.readValue(in, CatalogueFile.class);
        }
    }

    private Uni<Void> seedIfEmpty(CatalogueFile file) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createQuery("select count(*) from Category", Long.class)
                                        .getSingleResult()
                                        .chain(
                                                count -> {
                                                    if (count > 0) {
                                                        return Uni.createFrom().voidItem();
                                                    }
                                                    var rows = rows(file);
                                                    LOG.infof(
                                                            "loading the category catalogue from %s: %d rows",
                                                            resource, rows.size());
                                                    return session.persistAll(rows.toArray());
                                                }));
    }

    /**
     * The items' attributes came after the catalogue itself: a database whose catalogue was loaded
     * before gets them from the file too, as long as it has none (an item the database lacks is
     * skipped).
     */
    private Uni<Void> seedAttributesIfNone(CatalogueFile file) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createQuery(
                                                "select count(*) from CategoryAttribute",
                                                Long.class)
                                        .getSingleResult()
                                        .chain(
                                                count ->
                                                        count > 0
                                                                ? Uni.createFrom().voidItem()
                                                                : session.createQuery(
                                                                                "select code from Category",
                                                                                String.class)
                                                                        .getResultList()
                                                                        .chain(
                                                                                codes ->
                                                                                        session
                                                                                                .persistAll(
                                                                                                        attributeRows(
                                                                                                                        file,
                                                                                                                        java
                                                                                                                                .util
                                                                                                                                .Set
                                                                                                                                .copyOf(
                                                                                                                                        codes))
                                                                                                                .toArray()))));
    }

    private List<CategoryAttribute> attributeRows(CatalogueFile file, java.util.Set<String> known) {
        var rows = new ArrayList<CategoryAttribute>();
        for (var section : file.sections()) {
            for (var item : section.items()) {
                if (item.attributes() == null || !known.contains(item.code())) {
                    continue;
                }
                int position = 0;
                for (var attribute : item.attributes()) {
                    if (!CategoryAttribute.DATATYPES.contains(attribute.datatype())) {
                        throw new IllegalStateException(
                                "attribute "
                                        + attribute.code()
                                        + " of "
                                        + item.code()
                                        + " has datatype "
                                        + attribute.datatype()
                                        + ", not one of "
                                        + CategoryAttribute.DATATYPES);
                    }
                    var row = new CategoryAttribute();
                    row.categoryCode = item.code();
                    row.code = attribute.code();
                    row.position = ++position;
                    row.datatype = attribute.datatype();
                    row.required = attribute.required();
                    row.description = attribute.description();
                    row.datatypeDescription = attribute.datatypeDescription();
                    try {
                        row.allowedValues =
                                json.writeValueAsString(
                                        attribute.values() == null
                                                ? List.of()
                                                : attribute.values());
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw new IllegalStateException(
                                "the catalogue's values are plain strings", e);
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
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
                c.defaultUrgency =
                        item.defaultUrgency() == null ? Urgency.NORMAL : item.defaultUrgency();
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
