package cn.gridgov.dispatch.forecast;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** What the finish forecast learns from and when it calls a case at risk. */
@ConfigMapping(prefix = "gridgov.forecast")
public interface ForecastConfig {

    /** Steps that ended within this long before now make the history. */
    @WithDefault("2160h")
    Duration history();

    /**
     * A slice of the history (category × department × step, or category × step) speaks only with
     * this many comparable steps.
     */
    @WithDefault("5")
    int minSamples();

    /** At risk when at least this share of the comparable steps missed their deadline. */
    @WithDefault("0.5")
    double riskShare();
}
