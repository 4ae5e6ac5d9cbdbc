package cn.gridgov.kit.vertx;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Keeps reactive work on the Vert.x context Hibernate Reactive requires. */
public final class VertxContexts {

    private VertxContexts() {}

    /**
     * The work, subscribed (and on retry re-subscribed) on the caller's Vert.x context: a retry
     * after a back-off otherwise resumes on a worker thread, where Hibernate Reactive refuses to
     * run.
     */
    public static <T> Uni<T> onCurrentContext(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        Uni<T> deferred = Uni.createFrom().deferred(work::get);
        return context == null
                ? deferred
                : deferred.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }

    /**
     * Background work (timers, scans) on a duplicated context of its own, marked safe for Hibernate
     * Reactive.
     */
    public static <T> Uni<T> onNewContext(Vertx vertx, Supplier<Uni<T>> work) {
        Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
        VertxContextSafetyToggle.setContextSafe(context, true);
        return Uni.createFrom()
                .emitter(
                        emitter ->
                                context.runOnContext(
                                        ignored -> {
                                            Uni<T> uni;
                                            try {
                                                uni = work.get();
                                            } catch (RuntimeException failure) {
                                                emitter.fail(failure);
                                                return;
                                            }
                                            uni.subscribe().with(emitter::complete, emitter::fail);
                                        }));
    }
}
