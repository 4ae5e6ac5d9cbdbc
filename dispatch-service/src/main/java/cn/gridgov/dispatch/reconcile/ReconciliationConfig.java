package cn.gridgov.dispatch.reconcile;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the reconciliation of both services' views runs. */
@ConfigMapping(prefix = "gridgov.reconciliation")
public interface ReconciliationConfig {

    /**
     * A case changed on either side more recently than this is left out of the comparison, as
     * "unsettled": its events may still be on their way (they take milliseconds; seconds under
     * load).
     */
    @WithDefault("5s")
    Duration settle();

    /**
     * How often the scheduled check refreshes the gauges ({@code off} for never); read by the
     * scheduler.
     */
    @WithDefault("30s")
    String every();

    /** Cases asked of case-service per request. */
    @WithDefault("1000")
    int pageSize();
}
