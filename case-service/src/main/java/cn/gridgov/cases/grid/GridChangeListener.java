package cn.gridgov.cases.grid;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * grid-service's announcements: grid polygons changed somewhere (cached answers about which grid a
 * point is in, the area tree and grid outlines may be stale), or a person's posts changed (the
 * staff directory replaces what it kept, so a post given or taken away counts at once, without a
 * new token). Types: event-contracts' {@link GridTypes}; a department's change is
 * dispatch-service's concern and an import's summary repeats the area events, both ignored here;
 * any other type is parked.
 */
@ApplicationScoped
public class GridChangeListener implements ParkingConsumer {

    private static final Logger LOG = Logger.getLogger(GridChangeListener.class);

    private final GridLocator locator;
    private final GridTree tree;
    private final GridOutlines outlines;
    private final StaffDirectory staff;
    private final Parking parking;
    private final Subscription subscription;

    public GridChangeListener(
            GridLocator locator,
            GridTree tree,
            GridOutlines outlines,
            StaffDirectory staff,
            Parking parking,
            @ConfigProperty(name = "mp.messaging.incoming.grid-events.topic") String topic) {
        this.locator = locator;
        this.tree = tree;
        this.outlines = outlines;
        this.staff = staff;
        this.parking = parking;
        this.subscription =
                Subscription.of(
                        "grid-events",
                        topic,
                        List.of(
                                GridTypes.AREA_CHANGED,
                                GridTypes.AREA_REMOVED,
                                GridTypes.STAFF_CHANGED),
                        List.of(GridTypes.DEPARTMENT_CHANGED, GridTypes.AREA_IMPORT_APPLIED));
    }

    @Incoming("grid-events")
    public Uni<Void> onGridEvent(String payload) {
        return parking.receive(subscription, payload, this::applyParked);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    /**
     * Kept in memory only, and replaced by each newer announcement: applying one twice is harmless.
     */
    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        // An added, changed or removed area may move where points lie; cases keep the grid they
        // were located to.
        if (GridTypes.AREA_CHANGED.is(event.type()) || GridTypes.AREA_REMOVED.is(event.type())) {
            LOG.debug("grid areas changed; forgetting cached grid lookups");
            locator.forgetAll();
            tree.forgetAll();
            outlines.forgetAll();
        } else if (GridTypes.STAFF_CHANGED.is(event.type()) && event.data() != null) {
            staff.staffChanged(event.data());
        }
        return Uni.createFrom().voidItem();
    }
}
