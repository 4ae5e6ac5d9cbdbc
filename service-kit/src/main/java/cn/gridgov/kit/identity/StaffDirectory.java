package cn.gridgov.kit.identity;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/**
 * Who holds which posts, for services other than grid-service: asked of grid-service once per
 * person and kept, replaced as soon as grid-service announces a change ({@code grid.staff-changed}
 * on grid-events.v1), and asked again after {@code gridgov.staff-directory.keep} in case an event
 * was missed. A post change takes effect without a new token. When grid-service cannot be reached,
 * a kept answer is used however old; with none, the request is refused 503.
 */
@ApplicationScoped
public class StaffDirectory {

    private static final Logger LOG = Logger.getLogger(StaffDirectory.class);

    private record Kept(StaffScope scope, Instant askedAt) {}

    private final StaffClient client;
    private final ObjectMapper json;
    private final Clock clock;
    private final Duration keep;
    private final Map<String, Kept> kept = new ConcurrentHashMap<>();

    public StaffDirectory(
            @RestClient StaffClient client,
            ObjectMapper json,
            Clock clock,
            @ConfigProperty(name = "gridgov.staff-directory.keep", defaultValue = "10m")
                    Duration keep) {
        this.client = client;
        this.json = json;
        this.clock = clock;
        this.keep = keep;
    }

    /** The posts of the caller; a service calling with its own token holds none. */
    public Uni<StaffScope> scopeOf(Caller caller) {
        if (caller.isService()) {
            return Uni.createFrom().item(StaffScope.unknown(caller.staffId()));
        }
        var known = kept.get(caller.staffId());
        if (known != null && known.askedAt().plus(keep).isAfter(clock.instant())) {
            return Uni.createFrom().item(known.scope());
        }
        return client.staff(caller.staffId())
                .onFailure(WebApplicationException.class)
                .recoverWithUni(
                        e -> {
                            if (((WebApplicationException) e).getResponse().getStatus() == 404) {
                                return Uni.createFrom().item(StaffScope.unknown(caller.staffId()));
                            }
                            return Uni.createFrom().failure(e);
                        })
                .invoke(scope -> kept.put(caller.staffId(), new Kept(scope, clock.instant())))
                .onFailure()
                .recoverWithItem(
                        e -> {
                            if (known != null) {
                                LOG.warnf(
                                        "grid-service did not answer who %s is (%s); using what it said before",
                                        caller.staffId(), e.toString());
                                return known.scope();
                            }
                            throw new Problem(
                                    Problem.Kind.UNAVAILABLE,
                                    "GRID_SERVICE_UNAVAILABLE",
                                    null,
                                    "grid-service, which knows who holds which post, cannot be reached; try again shortly");
                        });
    }

    /** A {@code grid.staff-changed} event's data (the person as grid-service now has them). */
    public void staffChanged(JsonNode staff) {
        try {
            var scope = json.treeToValue(staff, StaffScope.class);
            if (scope.staffId() != null) {
                kept.put(scope.staffId(), new Kept(scope, clock.instant()));
            }
        } catch (Exception e) {
            LOG.warnf(
                    "a grid.staff-changed event could not be read (%s); forgetting every kept post",
                    e.toString());
            kept.clear();
        }
    }
}
