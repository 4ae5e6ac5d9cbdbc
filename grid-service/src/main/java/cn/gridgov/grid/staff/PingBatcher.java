package cn.gridgov.grid.staff;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Groups pings that arrive over HTTP while the previous group is being written: one pipelined batch,
 * one commit, one WAL flush for all of them. A lone ping goes out at once, so batching adds no wait;
 * under load the groups grow by themselves. Each caller learns only after the commit, so a 202
 * still means the ping is stored.
 */
@ApplicationScoped
public class PingBatcher {

    private static final int MAX_BATCH = 500;

    private record Pending(LocationPing ping, UniEmitter<? super Boolean> answer) {
    }

    private final Pool pool;
    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean writing = new AtomicBoolean();

    public PingBatcher(Pool pool) {
        this.pool = pool;
    }

    /** Stores the ping with others; true when the person exists, false when there is no such person. */
    public Uni<Boolean> record(LocationPing ping) {
        return Uni.createFrom().emitter(answer -> {
            queue.add(new Pending(ping, answer));
            writeNextBatch();
        });
    }

    private void writeNextBatch() {
        if (!writing.compareAndSet(false, true)) {
            return;
        }
        var batch = new ArrayList<Pending>();
        for (Pending next; batch.size() < MAX_BATCH && (next = queue.poll()) != null; ) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            writing.set(false);
            if (!queue.isEmpty()) {
                writeNextBatch();
            }
            return;
        }
        var tuples = batch.stream().map(pending -> tuple(pending.ping())).toList();
        pool.preparedQuery(LocationStore.UPSERT_ONE).executeBatch(tuples).subscribe().with(
                rows -> {
                    answer(batch, rows);
                    writing.set(false);
                    writeNextBatch();
                },
                failure -> {
                    batch.forEach(pending -> pending.answer().fail(failure));
                    writing.set(false);
                    writeNextBatch();
                });
    }

    private static void answer(List<Pending> batch, RowSet<Row> rows) {
        var result = rows;
        for (var pending : batch) {
            pending.answer().complete(result.iterator().next().getBoolean("known"));
            result = result.next();
        }
    }

    private static Tuple tuple(LocationPing ping) {
        return Tuple.of(ping.staffId(), ping.longitude(), ping.latitude(), ping.accuracyMeters(),
                OffsetDateTime.ofInstant(ping.at(), ZoneOffset.UTC));
    }
}
