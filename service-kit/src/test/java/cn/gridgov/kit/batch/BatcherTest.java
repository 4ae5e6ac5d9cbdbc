package cn.gridgov.kit.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class BatcherTest {

    /** Work that waits until the test finishes it, and answers each item doubled. */
    private final List<List<Integer>> batches = new CopyOnWriteArrayList<>();

    private final List<CompletableFuture<Void>> finishers = new CopyOnWriteArrayList<>();

    private Uni<List<Integer>> work(List<Integer> items) {
        batches.add(items);
        var finisher = new CompletableFuture<Void>();
        finishers.add(finisher);
        return Uni.createFrom()
                .completionStage(finisher)
                .map(ignored -> items.stream().map(i -> i * 2).toList());
    }

    private static List<CompletableFuture<Integer>> submitAll(
            Batcher<Integer, Integer> batcher, int from, int to) {
        var answers = new ArrayList<CompletableFuture<Integer>>();
        for (int i = from; i <= to; i++) {
            answers.add(batcher.submit(i).subscribeAsCompletionStage());
        }
        return answers;
    }

    @Test
    @DisplayName("an item that finds the batcher idle goes at once, alone")
    void idleItemGoesAlone() {
        var batcher = new Batcher<Integer, Integer>(10, 1, this::work);
        var answer = batcher.submit(7).subscribeAsCompletionStage();

        assertThat(batches).containsExactly(List.of(7));
        finishers.get(0).complete(null);
        assertThat(answer.join()).isEqualTo(14);
    }

    @Test
    @DisplayName(
            "items arriving while a batch is in flight go together in the next, each hearing its own answer")
    void itemsWaitingGoTogether() {
        var batcher = new Batcher<Integer, Integer>(10, 1, this::work);
        var first = submitAll(batcher, 1, 1);
        var waiting = submitAll(batcher, 2, 5);
        assertThat(batches).containsExactly(List.of(1));

        finishers.get(0).complete(null);
        assertThat(batches).containsExactly(List.of(1), List.of(2, 3, 4, 5));
        finishers.get(1).complete(null);
        assertThat(first.get(0).join()).isEqualTo(2);
        assertThat(waiting.stream().map(CompletableFuture::join)).containsExactly(4, 6, 8, 10);
    }

    @Test
    @DisplayName("no batch is larger than the limit, and no more batches run at once than allowed")
    void batchSizeAndFlightAreBounded() {
        var batcher = new Batcher<Integer, Integer>(3, 2, this::work);
        var answers = submitAll(batcher, 1, 10);
        assertThat(batches).containsExactly(List.of(1), List.of(2));

        finishers.get(0).complete(null);
        assertThat(batches).hasSize(3).last().isEqualTo(List.of(3, 4, 5));
        finishers.get(1).complete(null);
        finishers.get(2).complete(null);
        assertThat(batches)
                .containsExactly(
                        List.of(1), List.of(2), List.of(3, 4, 5), List.of(6, 7, 8), List.of(9, 10));
        finishers.get(3).complete(null);
        finishers.get(4).complete(null);
        assertThat(answers.stream().map(CompletableFuture::join))
                .containsExactly(2, 4, 6, 8, 10, 12, 14, 16, 18, 20);
    }

    @Test
    @DisplayName("a failed batch fails every item in it, and the items after it still go")
    void failureReachesEveryItemOfItsBatch() {
        var batcher = new Batcher<Integer, Integer>(10, 1, this::work);
        var first = submitAll(batcher, 1, 1);
        var failing = submitAll(batcher, 2, 3);
        finishers.get(0).complete(null);
        var later = submitAll(batcher, 4, 4);

        finishers.get(1).completeExceptionally(new IllegalStateException("database gone"));
        assertThat(first.get(0).join()).isEqualTo(2);
        assertThat(failing).allSatisfy(answer -> assertThat(answer).isCompletedExceptionally());
        assertThat(batches).last().isEqualTo(List.of(4));
        finishers.get(2).complete(null);
        assertThat(later.get(0).join()).isEqualTo(8);
    }

    @Test
    @DisplayName(
            "a batch answered with too few results fails all its items rather than mismatch the answers")
    void answersMustMatchItems() {
        var gate = new CompletableFuture<Void>();
        var batcher =
                new Batcher<Integer, Integer>(
                        10,
                        1,
                        items ->
                                Uni.createFrom()
                                        .completionStage(gate)
                                        .map(ignored -> List.of(items.get(0))));
        var alone = batcher.submit(1).subscribeAsCompletionStage();
        var second = batcher.submit(2).subscribeAsCompletionStage();
        var third = batcher.submit(3).subscribeAsCompletionStage();

        gate.complete(null);
        assertThat(alone.join()).isEqualTo(1);
        assertThat(second).isCompletedExceptionally();
        assertThat(third).isCompletedExceptionally();
    }
}
