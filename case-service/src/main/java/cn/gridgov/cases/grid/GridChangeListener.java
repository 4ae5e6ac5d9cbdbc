package cn.gridgov.cases.grid;

import cn.gridgov.kit.identity.StaffDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * grid-service's announcements: grid polygons changed somewhere (cached answers about which grid a
 * point is in may be stale), or a person's posts changed (the staff directory replaces what it kept,
 * so a post given or taken away counts at once, without a new token).
 */
@ApplicationScoped
public class GridChangeListener {

    private static final Logger LOG = Logger.getLogger(GridChangeListener.class);

    private final GridLocator locator;
    private final GridTree tree;
    private final StaffDirectory staff;
    private final ObjectMapper json;

    public GridChangeListener(GridLocator locator, GridTree tree, StaffDirectory staff, ObjectMapper json) {
        this.locator = locator;
        this.tree = tree;
        this.staff = staff;
        this.json = json;
    }

    @Incoming("grid-events")
    public void onGridEvent(String payload) {
        if (payload == null) {
            return;
        }
        // Reading tolerantly: a cheap check tells the two kinds of event that matter here from the rest.
        if (payload.contains("\"grid.area-")) {
            LOG.debug("grid areas changed; forgetting cached grid lookups");
            locator.forgetAll();
            tree.forgetAll();
        }
        if (payload.contains("\"grid.staff-changed\"")) {
            try {
                var event = json.readTree(payload);
                if ("grid.staff-changed".equals(event.path("type").asText())) {
                    staff.staffChanged(event.path("data"));
                }
            } catch (Exception e) {
                LOG.warnf("a grid.staff-changed event could not be read (%s)", e.toString());
            }
        }
    }
}
