package cn.gridgov.grid.staff;

import java.time.Instant;
import java.util.List;

/**
 * A person as the other services see them: over REST (one person, who is on duty in an area, who is
 * nearest to a point) and in grid.staff-changed. {@code distanceMeters} is set only when the
 * question was "nearest to a point".
 */
public record StaffView(
        String staffId,
        String name,
        String phone,
        String departmentCode,
        List<Post> posts,
        boolean onDuty,
        LastLocation lastLocation,
        Double distanceMeters) {

    public record LastLocation(
            double longitude, double latitude, Double accuracyMeters, Instant at) {}

    public StaffView at(double distance) {
        return new StaffView(
                staffId, name, phone, departmentCode, posts, onDuty, lastLocation, distance);
    }
}
