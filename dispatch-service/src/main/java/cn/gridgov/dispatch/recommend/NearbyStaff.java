package cn.gridgov.dispatch.recommend;

import cn.gridgov.dispatch.gridservice.GridServiceUnavailable;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

/** Asks grid-service who is near a case. An outage is a clear 503, never a half answer. */
@ApplicationScoped
public class NearbyStaff {

    private static final Logger LOG = Logger.getLogger(NearbyStaff.class);

    private final GridStaffClient client;

    public NearbyStaff(@RestClient GridStaffClient client) {
        this.client = client;
    }

    public Uni<List<Candidate>> nearest(double lon, double lat, String role, int limit) {
        return client.nearest(lon, lat, role, limit)
                .map(list -> list.stream().map(NearbyStaff::candidate).toList())
                .onFailure()
                .transform(
                        failure -> {
                            LOG.warnf("grid-service staff lookup failed: %s", failure.toString());
                            return GridServiceUnavailable.because(
                                    "grid-service could not say who is near the case", failure);
                        });
    }

    private static Candidate candidate(GridStaffClient.StaffDto dto) {
        var location = dto.lastLocation();
        var posts =
                dto.posts() == null
                        ? List.<Candidate.Post>of()
                        : dto.posts().stream()
                                .map(p -> new Candidate.Post(p.role(), p.areaCode()))
                                .toList();
        return new Candidate(
                dto.staffId(),
                dto.name(),
                dto.departmentCode(),
                posts,
                dto.onDuty(),
                location == null ? null : location.longitude(),
                location == null ? null : location.latitude(),
                location == null ? null : location.at(),
                dto.distanceMeters());
    }
}
