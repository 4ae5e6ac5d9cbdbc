package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * grid.staff-changed: the person as they now are (posts, duty, department, last fix); consumers
 * upsert it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StaffChanged(
        String staffId,
        String name,
        String phone,
        String departmentCode,
        List<Post> posts,
        boolean onDuty,
        LastLocation lastLocation) {

    /** A post: a role, in an area for grid posts, in none for command and department posts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Post(String role, String areaCode) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LastLocation(
            double longitude, double latitude, Double accuracyMeters, Instant at) {}
}
