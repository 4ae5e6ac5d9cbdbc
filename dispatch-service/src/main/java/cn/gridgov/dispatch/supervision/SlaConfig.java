package cn.gridgov.dispatch.supervision;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How supervision escalates an overdue step, and how often it looks. */
@ConfigMapping(prefix = "gridgov.sla")
public interface SlaConfig {

    /** Once overdue, the supervision level rises by one every this much longer. */
    @WithDefault("60M")
    Duration redEvery();

    /** The highest supervision level; after it the case stays red without further notices. */
    @WithDefault("3")
    int maxLevel();

    /**
     * How often the scanner looks for due timers: a warning fires within this (and the scan's time)
     * of its moment.
     */
    @WithDefault("200ms")
    Duration scanInterval();

    /** Timers claimed per transaction. */
    @WithDefault("5000")
    int batch();
}
