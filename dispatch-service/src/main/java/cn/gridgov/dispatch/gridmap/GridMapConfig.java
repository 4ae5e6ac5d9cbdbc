package cn.gridgov.dispatch.gridmap;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Which area the console's map shows, and how long a copy of its grids is kept. */
@ConfigMapping(prefix = "gridgov.grid-map")
public interface GridMapConfig {

    /** The area whose grids are drawn: the district the command center serves. */
    @WithDefault("D01")
    String area();

    /**
     * Grids change seldom; a console reloading often should not cost grid-service a PostGIS export
     * each time.
     */
    @WithDefault("60s")
    Duration keepFor();
}
