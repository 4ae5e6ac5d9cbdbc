package cn.gridgov.grid.staff;

import cn.gridgov.kit.batch.Batcher;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Groups pings that arrive over HTTP while the previous group is being written (the kit's natural
 * {@link Batcher}): one pipelined batch, one commit, one WAL flush for all of them. A lone ping
 * goes out at once, so batching adds no wait; under load the groups grow by themselves. Each caller
 * learns only after the commit, so a 202 still means the ping is stored.
 */
@ApplicationScoped
public class PingBatcher {

    private static final int MAX_BATCH = 500;

    private final Batcher<LocationPing, Boolean> batcher;

    public PingBatcher(Pool pool) {
        this.batcher =
                new Batcher<>(
                        MAX_BATCH,
                        1,
                        pings ->
                                pool.preparedQuery(LocationStore.UPSERT_ONE)
                                        .executeBatch(
                                                pings.stream().map(PingBatcher::tuple).toList())
                                        .map(rows -> known(rows, pings.size())));
    }

    /**
     * Stores the ping with others; true when the person exists, false when there is no such person.
     */
    public Uni<Boolean> record(LocationPing ping) {
        return batcher.submit(ping);
    }

    /** A batch answers one row set per ping, chained, in the order given. */
    private static List<Boolean> known(RowSet<Row> rows, int count) {
        var known = new ArrayList<Boolean>(count);
        for (var result = rows; known.size() < count; result = result.next()) {
            known.add(result.iterator().next().getBoolean("known"));
        }
        return known;
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
