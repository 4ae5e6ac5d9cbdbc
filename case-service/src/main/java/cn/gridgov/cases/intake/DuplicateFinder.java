package cn.gridgov.cases.intake;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Finds open cases that may repeat a report, nearest first, for the verifier to merge (并案). */
@ApplicationScoped
public class DuplicateFinder {

    private final double radiusMeters;
    private final Duration window;
    private final Clock clock;

    public DuplicateFinder(@ConfigProperty(name = "gridgov.duplicates.radius-meters") double radiusMeters,
                           @ConfigProperty(name = "gridgov.duplicates.window") Duration window, Clock clock) {
        this.radiusMeters = radiusMeters;
        this.window = window;
        this.clock = clock;
    }

    /** Call within a session; {@code except} is the case being looked at. */
    public Uni<List<DuplicateCandidate>> near(String category, double lon, double lat, UUID except) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select id, number,
                               ST_Distance(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography,
                                           ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography),
                               reported_at
                        from cases
                        where status not in ('CLOSED', 'EVALUATED', 'REJECTED', 'MERGED')
                          and category = :category and id <> :except and reported_at >= :since
                          and ST_DWithin(ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)::geography,
                                         ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)::geography, :radius)
                        order by 3 limit 10""", Object[].class)
                .setParameter("lon", lon)
                .setParameter("lat", lat)
                .setParameter("category", category)
                .setParameter("except", except)
                .setParameter("since", clock.instant().minus(window))
                .setParameter("radius", radiusMeters)
                .getResultList()
                .map(rows -> rows.stream().map(row -> new DuplicateCandidate((UUID) row[0], (String) row[1],
                        ((Number) row[2]).doubleValue(), toInstant(row[3]))).toList()));
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof java.time.OffsetDateTime odt) {
            return odt.toInstant();
        }
        return ((java.time.LocalDateTime) value).atZone(java.time.ZoneOffset.UTC).toInstant();
    }
}
