package cn.gridgov.grid.messaging;

import cn.gridgov.contracts.GridTypes;
import cn.gridgov.contracts.Topics;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.grid.staff.LocationPing;
import cn.gridgov.kit.retry.Retry;
import cn.gridgov.grid.staff.LocationStore;
import cn.gridgov.grid.staff.StaffService;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Applies location pings from phones (staff-locations.v1, CloudEvent type staff.location), a batch
 * of records at a time in one round trip. Applying a ping is idempotent by its timestamp (see
 * {@link LocationStore}), so redelivery after a crash is harmless and no ping id is recorded.
 * A ping that cannot be read or is implausible is logged and skipped: it can never become valid.
 */
@ApplicationScoped
public class StaffLocationConsumer {

    private static final Logger LOG = Logger.getLogger(StaffLocationConsumer.class);

    private final LocationStore locations;
    private final StaffService staff;
    private final ObjectMapper json;

    public StaffLocationConsumer(LocationStore locations, StaffService staff, ObjectMapper json) {
        this.locations = locations;
        this.staff = staff;
        this.json = json;
    }

    @Incoming("staff-locations")
    public Uni<Void> consume(List<String> payloads) {
        var pings = new ArrayList<LocationPing>(payloads.size());
        for (var payload : payloads) {
            var ping = read(payload);
            if (ping != null) {
                pings.add(ping);
            }
        }
        // A database outage must not lose pings: hold the partitions and try again.
        return Retry.untilDone(locations.record(pings), () -> "recording " + pings.size() + " pings");
    }

    private LocationPing read(String payload) {
        try {
            var event = json.readTree(payload);
            if (!GridTypes.STAFF_LOCATION.is(event.path("type").asText())) {
                return null;
            }
            var data = event.path("data");
            var ping = new LocationPing(text(data, "staffId", event.path("subject").asText(null)),
                    number(data, "longitude", -180, 180), number(data, "latitude", -90, 90),
                    data.hasNonNull("accuracyMeters") ? data.get("accuracyMeters").asDouble() : null,
                    Instant.parse(text(data, "at", null)));
            staff.requirePlausible(ping);
            return ping;
        } catch (Problem | IllegalArgumentException | java.time.format.DateTimeParseException
                 | com.fasterxml.jackson.core.JsonProcessingException | NullPointerException bad) {
            LOG.warnf("skipping unusable record on %s: %s", Topics.STAFF_LOCATIONS, bad.getMessage());
            return null;
        }
    }

    private static String text(JsonNode data, String field, String fallback) {
        var value = data.path(field).asText(fallback);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(field + " is missing");
        }
        return value;
    }

    private static double number(JsonNode data, String field, double min, double max) {
        var node = data.get(field);
        if (node == null || !node.isNumber() || node.asDouble() < min || node.asDouble() > max) {
            throw new IllegalArgumentException(field + " must be a number in [" + min + ", " + max + "]");
        }
        return node.asDouble();
    }
}
