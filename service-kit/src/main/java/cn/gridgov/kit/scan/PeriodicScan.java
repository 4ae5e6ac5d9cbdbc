package cn.gridgov.kit.scan;

import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A scan that runs every interval, one pass at a time, from start-up until shut-down: the SLA
 * timers and the whistles' deadlines. Not Quarkus' scheduler, which looks at its triggers once a
 * second: an SLA warning must fire within a second of its moment, so the SLA scan runs every 200
 * ms. A pass still running when the next tick comes is not doubled; a failed pass is logged and the
 * next tick tries again.
 */
public final class PeriodicScan {

    private static final Logger LOG = Logger.getLogger(PeriodicScan.class);

    private final Vertx vertx;
    private final long timer;

    private PeriodicScan(Vertx vertx, Duration every, String name, Supplier<Uni<?>> pass) {
        this.vertx = vertx;
        var running = new AtomicBoolean();
        this.timer =
                vertx.setPeriodic(
                        every.toMillis(),
                        ignored -> {
                            if (running.compareAndSet(false, true)) {
                                pass.get()
                                        .subscribe()
                                        .with(
                                                done -> running.set(false),
                                                failure -> {
                                                    running.set(false);
                                                    LOG.warnf(
                                                            "%s failed, will retry: %s",
                                                            name, failure.getMessage());
                                                });
                            }
                        });
    }

    public static PeriodicScan every(
            Vertx vertx, Duration every, String name, Supplier<Uni<?>> pass) {
        return new PeriodicScan(vertx, every, name, pass);
    }

    /** Stops before the connection pool closes. */
    public void stop() {
        vertx.cancelTimer(timer);
    }
}
