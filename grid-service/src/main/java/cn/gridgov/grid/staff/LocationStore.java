package cn.gridgov.grid.staff;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Keeps each person's latest location. Pings are the hottest write of the service (thousands a
 * second), so they go straight through the reactive SQL client as one pipelined batch, without an
 * ORM session. A ping older than the stored one changes nothing, so redelivered and reordered pings
 * converge to the same row: idempotent without recording every ping id.
 */
@ApplicationScoped
public class LocationStore {

    public static final String UPSERT =
            """
            insert into staff_location (staff_id, longitude, latitude, accuracy_meters, at, geom)
            select $1::text, $2::float8, $3::float8, $4::float8, $5::timestamptz,
                   ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326)
            where exists (select 1 from staff where id = $1::text)
            on conflict (staff_id) do update
               set longitude = excluded.longitude, latitude = excluded.latitude,
                   accuracy_meters = excluded.accuracy_meters, at = excluded.at, geom = excluded.geom
             where staff_location.at < excluded.at""";

    /**
     * One ping, answering whether the person exists (a ping of an unknown person is a 404 over
     * HTTP); batched by {@link PingBatcher}, and run raw one by one as the benchmark's baseline.
     */
    public static final String UPSERT_ONE =
            """
            with known as (select id from staff where id = $1::text),
            applied as (
                insert into staff_location (staff_id, longitude, latitude, accuracy_meters, at, geom)
                select id, $2::float8, $3::float8, $4::float8, $5::timestamptz,
                       ST_SetSRID(ST_MakePoint($2::float8, $3::float8), 4326)
                from known
                on conflict (staff_id) do update
                   set longitude = excluded.longitude, latitude = excluded.latitude,
                       accuracy_meters = excluded.accuracy_meters, at = excluded.at, geom = excluded.geom
                 where staff_location.at < excluded.at
                returning 1)
            select exists (select 1 from known) as known""";

    private final Pool pool;

    public LocationStore(Pool pool) {
        this.pool = pool;
    }

    /** Applies the pings in one round trip; pings of unknown people are dropped. */
    public Uni<Void> record(List<LocationPing> pings) {
        if (pings.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        var tuples = pings.stream().map(LocationStore::tuple).toList();
        return pool.preparedQuery(UPSERT).executeBatch(tuples).replaceWithVoid();
    }

    private static Tuple tuple(LocationPing ping) {
        return Tuple.of(
                ping.staffId(),
                ping.longitude(),
                ping.latitude(),
                ping.accuracyMeters(),
                OffsetDateTime.ofInstant(ping.at(), ZoneOffset.UTC));
    }
}
