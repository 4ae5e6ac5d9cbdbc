package cn.gridgov.kit.retry;

import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * The one retry loop for work that must not be dropped, whatever the failure (reading and writing
 * parked records: see the parking package, whose consumers' effects are tried a bounded number of
 * times instead): each failure is logged with what was being done, then the work runs again after a
 * back-off that starts at 200 ms and doubles up to 10 s. While it retries, the caller's Kafka
 * partition waits.
 */
public final class Retry {

    private static final Logger LOG = Logger.getLogger(Retry.class);
    private static final Duration FIRST_BACK_OFF = Duration.ofMillis(200);
    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

    private Retry() {}

    public static <T> Uni<T> untilDone(Uni<T> work, Supplier<String> what) {
        return work.onFailure()
                .invoke(
                        failure ->
                                LOG.warnf(
                                        "%s failed, retrying: %s",
                                        what.get(), failure.getMessage()))
                .onFailure()
                .retry()
                .withBackOff(FIRST_BACK_OFF, MAX_BACK_OFF)
                .indefinitely();
    }
}
