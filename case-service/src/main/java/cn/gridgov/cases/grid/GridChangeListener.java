package cn.gridgov.cases.grid;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/** Grid polygons changed somewhere: cached answers about which grid a point is in may be stale. */
@ApplicationScoped
public class GridChangeListener {

    private static final Logger LOG = Logger.getLogger(GridChangeListener.class);

    private final GridLocator locator;

    public GridChangeListener(GridLocator locator) {
        this.locator = locator;
    }

    @Incoming("grid-events")
    public void onGridEvent(String payload) {
        // Reading tolerantly: only area changes matter here, and a cheap check is enough to tell.
        if (payload != null && payload.contains("\"grid.area-")) {
            LOG.debug("grid areas changed; forgetting cached grid lookups");
            locator.forgetAll();
        }
    }
}
