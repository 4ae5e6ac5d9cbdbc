package cn.gridgov.grid.messaging;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.grid.StaffLocation;
import cn.gridgov.grid.staff.LocationPing;
import cn.gridgov.grid.staff.LocationStore;
import cn.gridgov.grid.staff.StaffService;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.parking.Parking;
import cn.gridgov.kit.parking.ParkingConsumer;
import cn.gridgov.kit.parking.Subscription;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies location pings from phones (staff-locations.v1, CloudEvent type staff.location), a batch
 * of records at a time in one round trip. Applying a ping is idempotent by its timestamp (see
 * {@link LocationStore}), so redelivery after a crash is harmless and no ping id is recorded. A
 * ping whose data is unusable or implausible is logged and skipped: it can never become valid, and
 * the person's next ping replaces it anyway. A record that is not a CloudEvent, of another type, or
 * that the database refuses is parked (service-kit's parking); each ping stands alone, so a parked
 * one holds back no later ping of the same person.
 */
@ApplicationScoped
public class StaffLocationConsumer implements ParkingConsumer {

    private static final Logger LOG = Logger.getLogger(StaffLocationConsumer.class);

    private final LocationStore locations;
    private final StaffService staff;
    private final Parking parking;
    private final Subscription subscription;

    /**
     * The contract's record, read so that a missing or null coordinate is refused rather than read
     * as 0.
     */
    private final ObjectReader pings;

    public StaffLocationConsumer(
            LocationStore locations,
            StaffService staff,
            Parking parking,
            ObjectMapper json,
            @ConfigProperty(name = "mp.messaging.incoming.staff-locations.topic") String topic) {
        this.locations = locations;
        this.staff = staff;
        this.parking = parking;
        this.pings =
                json.readerFor(StaffLocation.class)
                        .with(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        this.subscription =
                Subscription.of(
                                "staff-locations",
                                topic,
                                List.of(GridTypes.STAFF_LOCATION),
                                List.of())
                        .withoutOrder();
    }

    @Incoming("staff-locations")
    public Uni<Void> consume(List<String> payloads) {
        return parking.receiveAll(subscription, payloads, this::record);
    }

    @Override
    public Subscription subscription() {
        return subscription;
    }

    @Override
    public Uni<Void> applyParked(CloudEvent event) {
        return record(List.of(event));
    }

    private Uni<Void> record(List<CloudEvent> events) {
        var pings = new ArrayList<LocationPing>(events.size());
        for (var event : events) {
            var ping = read(event);
            if (ping != null) {
                pings.add(ping);
            }
        }
        return locations.record(pings);
    }

    private LocationPing read(CloudEvent event) {
        try {
            if (event.data() == null) {
                throw new IllegalArgumentException("a ping needs data");
            }
            StaffLocation data = pings.treeToValue(event.data(), StaffLocation.class);
            var staffId = data.staffId() != null ? data.staffId() : event.subject();
            if (staffId == null || staffId.isBlank()) {
                throw new IllegalArgumentException("staffId is missing");
            }
            var ping =
                    new LocationPing(
                            staffId,
                            within("longitude", data.longitude(), 180),
                            within("latitude", data.latitude(), 90),
                            data.accuracyMeters(),
                            data.at());
            staff.requirePlausible(ping);
            return ping;
        } catch (Problem | IllegalArgumentException | JsonProcessingException bad) {
            LOG.warnf(
                    "skipping unusable ping %s on %s: %s",
                    event.id(), subscription.topic(), bad.getMessage());
            return null;
        }
    }

    private static double within(String field, double value, double bound) {
        if (value < -bound || value > bound) {
            throw new IllegalArgumentException(
                    field + " must be a number in [" + -bound + ", " + bound + "]");
        }
        return value;
    }
}
