package cn.gridgov.kit.batch;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Natural batching: items submitted while a batch is in flight wait and go together in the next
 * one. An item that finds the batcher idle goes at once, alone, so a quiet system adds no delay;
 * under load each batch takes what arrived during the previous one, so a round trip to the database
 * is shared by many requests and the batches grow exactly as much as the load needs.
 *
 * <p>At most {@code maxInFlight} batches run at once, each of at most {@code maxBatch} items. The
 * work answers one result per item, in the order given. Each caller hears back on the Vert.x
 * context it submitted from (Hibernate Reactive and the request's own processing expect that), not
 * on the thread the batch finished on.
 */
public final class Batcher<I, O> {

    private record Waiting<I, O>(I item, UniEmitter<? super O> emitter, Context context) {}

    private final int maxBatch;
    private final int maxInFlight;
    private final Function<List<I>, Uni<List<O>>> work;
    private final ConcurrentLinkedQueue<Waiting<I, O>> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    public Batcher(int maxBatch, int maxInFlight, Function<List<I>, Uni<List<O>>> work) {
        if (maxBatch < 1 || maxInFlight < 1) {
            throw new IllegalArgumentException("a batcher needs room for one item and one batch");
        }
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
        this.work = work;
    }

    public Uni<O> submit(I item) {
        return Uni.createFrom()
                .emitter(
                        emitter -> {
                            queue.add(new Waiting<>(item, emitter, Vertx.currentContext()));
                            drain();
                        });
    }

    private void drain() {
        while (!queue.isEmpty()) {
            int running = inFlight.get();
            if (running >= maxInFlight) {
                return; // the batch in flight drains the queue when it finishes
            }
            if (!inFlight.compareAndSet(running, running + 1)) {
                continue;
            }
            var batch = new ArrayList<Waiting<I, O>>(Math.min(maxBatch, 64));
            Waiting<I, O> next;
            while (batch.size() < maxBatch && (next = queue.poll()) != null) {
                batch.add(next);
            }
            if (batch.isEmpty()) {
                inFlight.decrementAndGet(); // another drain took them; look again
                continue;
            }
            run(batch);
        }
    }

    private void run(List<Waiting<I, O>> batch) {
        Uni<List<O>> results;
        try {
            results = work.apply(batch.stream().map(Waiting::item).toList());
        } catch (RuntimeException failure) {
            results = Uni.createFrom().failure(failure);
        }
        results.subscribe()
                .with(
                        answers -> {
                            finished();
                            if (answers.size() != batch.size()) {
                                var mismatch =
                                        new IllegalStateException(
                                                answers.size()
                                                        + " answers for a batch of "
                                                        + batch.size());
                                batch.forEach(waiting -> fail(waiting, mismatch));
                                return;
                            }
                            for (int i = 0; i < batch.size(); i++) {
                                answer(batch.get(i), answers.get(i));
                            }
                        },
                        failure -> {
                            finished();
                            batch.forEach(waiting -> fail(waiting, failure));
                        });
    }

    private void finished() {
        inFlight.decrementAndGet();
        drain();
    }

    private static <I, O> void answer(Waiting<I, O> waiting, O answer) {
        onContext(waiting.context(), () -> waiting.emitter().complete(answer));
    }

    private static <I, O> void fail(Waiting<I, O> waiting, Throwable failure) {
        onContext(waiting.context(), () -> waiting.emitter().fail(failure));
    }

    private static void onContext(Context context, Runnable action) {
        if (context == null || context == Vertx.currentContext()) {
            action.run();
        } else {
            context.runOnContext(ignored -> action.run());
        }
    }
}
