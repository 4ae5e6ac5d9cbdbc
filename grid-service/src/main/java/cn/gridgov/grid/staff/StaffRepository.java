package cn.gridgov.grid.staff;

import cn.gridgov.grid.common.Times;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Staff through Panache; posts, locations and the spatial questions through SQL in the same
 * session.
 */
@ApplicationScoped
public class StaffRepository implements PanacheRepositoryBase<Staff, String> {

    private static final String POINT = "ST_SetSRID(ST_MakePoint(:lon, :lat), 4326)";

    /** KNN by the index in degrees gives candidates; the exact geodesic distance orders them. */
    private static final int CANDIDATE_FACTOR = 4;

    /** Full views of the given people, in the order of the ids; unknown ids are left out. */
    public Uni<List<StaffView>> views(List<String> ids) {
        if (ids.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                select s.id, s.name, s.phone, s.department_code, s.on_duty,
                                       l.longitude, l.latitude, l.accuracy_meters, l.at
                                from staff s left join staff_location l on l.staff_id = s.id
                                where s.id in (:ids)""",
                                                Object[].class)
                                        .setParameter("ids", ids)
                                        .getResultList())
                .chain(
                        rows ->
                                postsOf(ids)
                                        .map(
                                                posts -> {
                                                    Map<String, StaffView> byId = new HashMap<>();
                                                    for (var row : rows) {
                                                        var id = (String) row[0];
                                                        var location =
                                                                row[5] == null
                                                                        ? null
                                                                        : new StaffView
                                                                                .LastLocation(
                                                                                ((Number) row[5])
                                                                                        .doubleValue(),
                                                                                ((Number) row[6])
                                                                                        .doubleValue(),
                                                                                row[7] == null
                                                                                        ? null
                                                                                        : ((Number)
                                                                                                        row[
                                                                                                                7])
                                                                                                .doubleValue(),
                                                                                Times.instant(
                                                                                        row[8]));
                                                        byId.put(
                                                                id,
                                                                new StaffView(
                                                                        id,
                                                                        (String) row[1],
                                                                        (String) row[2],
                                                                        (String) row[3],
                                                                        posts.getOrDefault(
                                                                                id, List.of()),
                                                                        (Boolean) row[4],
                                                                        location,
                                                                        null));
                                                    }
                                                    return ids.stream()
                                                            .filter(byId::containsKey)
                                                            .map(byId::get)
                                                            .toList();
                                                }));
    }

    private Uni<Map<String, List<Post>>> postsOf(List<String> ids) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select staff_id, role, area_code from staff_post where staff_id in (:ids)"
                                                        + " order by staff_id, role, area_code nulls first",
                                                Object[].class)
                                        .setParameter("ids", ids)
                                        .getResultList())
                .map(
                        rows -> {
                            Map<String, List<Post>> posts = new HashMap<>();
                            rows.forEach(
                                    row ->
                                            posts.computeIfAbsent(
                                                            (String) row[0], k -> new ArrayList<>())
                                                    .add(
                                                            new Post(
                                                                    (String) row[1],
                                                                    (String) row[2])));
                            return posts;
                        });
    }

    public Uni<Void> replacePosts(String staffId, List<Post> posts) {
        Uni<Void> chain =
                getSession()
                        .chain(
                                session ->
                                        session.createNativeQuery(
                                                        "delete from staff_post where staff_id = :id")
                                                .setParameter("id", staffId)
                                                .executeUpdate())
                        .replaceWithVoid();
        for (var post : posts) {
            chain =
                    chain.chain(
                            () ->
                                    getSession()
                                            .chain(
                                                    session ->
                                                            session.createNativeQuery(
                                                                            "insert into staff_post (staff_id, role, area_code) values (:id, :role, :area)")
                                                                    .setParameter("id", staffId)
                                                                    .setParameter(
                                                                            "role", post.role())
                                                                    .setParameter(
                                                                            "area", post.areaCode())
                                                                    .executeUpdate())
                                            .replaceWithVoid());
        }
        return chain;
    }

    /**
     * Sets a location inside the current transaction; the loader uses it so a demo town is loaded
     * whole.
     */
    public Uni<Void> placeInTransaction(LocationPing ping) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                insert into staff_location (staff_id, longitude, latitude, accuracy_meters, at, geom)
                                values (:id, :lon, :lat, :accuracy, :at, """
                                                        + POINT
                                                        + """
                                ) on conflict (staff_id) do nothing""")
                                        .setParameter("id", ping.staffId())
                                        .setParameter("lon", ping.longitude())
                                        .setParameter("lat", ping.latitude())
                                        .setParameter("accuracy", ping.accuracyMeters())
                                        .setParameter("at", ping.at())
                                        .executeUpdate())
                .replaceWithVoid();
    }

    /** Ids of on-duty people holding a post in the area, with the given role if one is given. */
    public Uni<List<String>> onDutyIn(String areaCode, String role) {
        var sql =
                "select distinct s.id from staff s join staff_post p on p.staff_id = s.id"
                        + " where s.on_duty and p.area_code = :area"
                        + (role == null ? "" : " and p.role = :role")
                        + " order by s.id";
        return getSession()
                .chain(
                        session -> {
                            var query =
                                    session.createNativeQuery(sql, String.class)
                                            .setParameter("area", areaCode);
                            if (role != null) {
                                query.setParameter("role", role);
                            }
                            return query.getResultList();
                        });
    }

    /**
     * On-duty people with a known location nearest to a point, nearest first, with their distance
     * in metres.
     */
    public Uni<LinkedHashMap<String, Double>> nearestOnDuty(
            double lon, double lat, String role, int limit) {
        var sql =
                "select id, ST_Distance(geom::geography, "
                        + POINT
                        + "::geography) as meters from ("
                        + " select s.id, l.geom from staff_location l join staff s on s.id = l.staff_id"
                        + " where s.on_duty"
                        + (role == null
                                ? ""
                                : " and exists (select 1 from staff_post p where p.staff_id = s.id and p.role = :role)")
                        + " order by l.geom <-> "
                        + POINT
                        + " limit :candidates) near"
                        + " order by meters, id limit :limit";
        return getSession()
                .chain(
                        session -> {
                            var query =
                                    session.createNativeQuery(sql, Object[].class)
                                            .setParameter("lon", lon)
                                            .setParameter("lat", lat)
                                            .setParameter(
                                                    "candidates", limit * CANDIDATE_FACTOR + 20)
                                            .setParameter("limit", limit);
                            if (role != null) {
                                query.setParameter("role", role);
                            }
                            return query.getResultList();
                        })
                .map(
                        rows -> {
                            var nearest = new LinkedHashMap<String, Double>();
                            rows.forEach(
                                    row ->
                                            nearest.put(
                                                    (String) row[0],
                                                    ((Number) row[1]).doubleValue()));
                            return nearest;
                        });
    }
}
