package cn.gridgov.cases.grid;

import io.smallrye.config.ConfigMapping;
import java.net.URI;
import java.time.Duration;

/** Where grid-service is and how case-service asks it to locate reports. */
@ConfigMapping(prefix = "gridgov.grid-service")
public interface GridServiceConfig {

    URI url();

    Duration connectTimeout();

    /** A locate call slower than this fails; the case is kept and located later. */
    Duration timeout();

    Locate locate();

    interface Locate {

        /** Points asked in one call (reports arriving together share it). */
        int maxPoints();

        /** Calls in flight at once. */
        int maxInFlight();
    }
}
