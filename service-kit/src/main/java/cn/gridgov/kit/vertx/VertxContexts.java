package cn.gridgov.kit.vertx;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.function.Supplier;

/** Keeps reactive work on the Vert.x context Hibernate Reactive requires. */
public final class VertxContexts {

    private VertxContexts() {
    }

    /**
     * The work, subscribed (and on retry re-subscribed) on the caller's Vert.x context: a retry
     * after a back-off otherwise resumes on a worker thread, where Hibernate Reactive refuses to run.
     */
    public static <T> Uni<T> onCurrentContext(Supplier<Uni<T>> work) {
        Context context = Vertx.currentContext();
        Uni<T> deferred = Uni.createFrom().deferred(work::get);
        return context == null ? deferred
                : deferred.runSubscriptionOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
