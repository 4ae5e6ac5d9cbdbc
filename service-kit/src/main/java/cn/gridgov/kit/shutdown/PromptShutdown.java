package cn.gridgov.kit.shutdown;

import io.quarkus.runtime.shutdown.ShutdownListener;
import io.quarkus.runtime.shutdown.ShutdownRecorder;
import java.lang.reflect.Field;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * A graceful stop ends when the requests in flight are answered, not when {@code
 * quarkus.shutdown.timeout} runs out. Quarkus 3.30.5's Jackson extension registers a shutdown
 * listener (it clears Jackson's type cache) that never says it is done (quarkus#51915, fixed in
 * 3.30.7, whose extensions are not all published where this project builds): every stop waited the
 * whole timeout with nothing in flight, and a supervisor allowing no more than that killed the
 * service before its consumers committed. Once the service has started (the listeners are set after
 * the startup event, so {@code ServiceMain} calls this when Quarkus hands it the running
 * application), that listener is wrapped so that it says it is done once it has run. With a Quarkus
 * that has the fix there is no such listener and nothing is wrapped; this class can go with the
 * upgrade.
 */
public final class PromptShutdown {

    private static final Logger LOG = Logger.getLogger(PromptShutdown.class);
    private static final String SILENT_LISTENER = "io.quarkus.jackson.runtime.JacksonRecorder$";

    private PromptShutdown() {}

    public static void wrapSilentListeners() {
        try {
            Field field = ShutdownRecorder.class.getDeclaredField("shutdownListeners");
            field.setAccessible(true);
            @SuppressWarnings("unchecked")
            var listeners = (List<ShutdownListener>) field.get(null);
            if (listeners == null || listeners.stream().noneMatch(PromptShutdown::saysNothing)) {
                return;
            }
            field.set(
                    null,
                    listeners.stream().map(l -> saysNothing(l) ? new SaysDone(l) : l).toList());
        } catch (ReflectiveOperationException | RuntimeException e) {
            LOG.warnf(
                    "graceful stops will wait the whole quarkus.shutdown.timeout: %s",
                    e.toString());
        }
    }

    private static boolean saysNothing(ShutdownListener listener) {
        return listener.getClass().getName().startsWith(SILENT_LISTENER);
    }

    /** Runs the listener, then says it is done (once, should it ever say so itself). */
    private record SaysDone(ShutdownListener listener) implements ShutdownListener {

        @Override
        public void preShutdown(ShutdownNotification notification) {
            listener.preShutdown(once(notification));
        }

        @Override
        public void shutdown(ShutdownNotification notification) {
            var once = once(notification);
            try {
                listener.shutdown(once);
            } finally {
                once.done();
            }
        }

        private static ShutdownNotification once(ShutdownNotification notification) {
            var done = new AtomicBoolean();
            return () -> {
                if (done.compareAndSet(false, true)) {
                    notification.done();
                }
            };
        }
    }
}
