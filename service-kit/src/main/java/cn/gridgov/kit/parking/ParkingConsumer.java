package cn.gridgov.kit.parking;

import cn.gridgov.kit.events.CloudEvent;
import io.smallrye.mutiny.Uni;

/**
 * A consumer whose records can be parked and replayed: every consumer of every service is one, so
 * the operator API finds it by its subscription's name to replay what it parked.
 */
public interface ParkingConsumer {

    Subscription subscription();

    /**
     * Applies one event of a handled type as its first delivery would (once, by its id), without
     * waiting behind its subject's parked events: a replay goes through here, in parked order.
     */
    Uni<Void> applyParked(CloudEvent event);
}
