package cn.gridgov.dispatch.recommend;

import java.time.Instant;
import java.util.List;

/** A person who might handle a case, as grid-service describes them. */
public record Candidate(
        String staffId,
        String name,
        String departmentCode,
        List<Post> posts,
        boolean onDuty,
        Double longitude,
        Double latitude,
        Instant locatedAt,
        Double distanceMeters) {

    public record Post(String role, String areaCode) {}
}
