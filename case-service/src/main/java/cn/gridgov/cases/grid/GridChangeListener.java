package cn.gridgov.cases.grid;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.Topics;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.identity.StaffDirectory;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * grid-service's announcements: grid polygons changed somewhere (cached answers about which grid a
 * point is in, the area tree and grid outlines may be stale), or a person's posts changed (the staff directory replaces what it kept,
 * so a post given or taken away counts at once, without a new token). Types: event-contracts' {@link GridTypes}.
 */
@ApplicationScoped
public class GridChangeListener {

    private static final Logger LOG = Logger.getLogger(GridChangeListener.class);

    private final GridLocator locator;
    private final GridTree tree;
    private final GridOutlines outlines;
    private final StaffDirectory staff;
    private final ObjectMapper json;

    public GridChangeListener(GridLocator locator, GridTree tree, GridOutlines outlines, StaffDirectory staff, ObjectMapper json) {
        this.locator = locator;
        this.tree = tree;
        this.outlines = outlines;
        this.staff = staff;
        this.json = json;
    }

    @Incoming("grid-events")
    public void onGridEvent(String payload) {
        if (payload == null) {
            return;
        }
        CloudEvent event;
        try {
            event = json.readValue(payload, CloudEvent.class);
        } catch (Exception e) {
            LOG.warnf("a record on %s is not a CloudEvent (%s); ignored", Topics.GRID_EVENTS, e.toString());
            return;
        }
        if (GridTypes.AREA_CHANGED.is(event.type())) {
            LOG.debug("grid areas changed; forgetting cached grid lookups");
            locator.forgetAll();
            tree.forgetAll();
            outlines.forgetAll();
        } else if (GridTypes.STAFF_CHANGED.is(event.type()) && event.data() != null) {
            staff.staffChanged(event.data());
        }
    }
}
