package cn.gridgov.kit.identity;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a person may touch, as grid-service's posts say (定岗定责): their department and the posts they
 * hold, each a role in an area (grid posts) or in none (command-center and department posts). A
 * signed-in person grid-service does not know holds no post.
 */
public record StaffScope(String staffId, String departmentCode, List<Post> posts) {

    public record Post(String role, String areaCode) {}

    public StaffScope {
        posts = posts == null ? List.of() : List.copyOf(posts);
    }

    public static StaffScope unknown(String staffId) {
        return new StaffScope(staffId, null, List.of());
    }

    public boolean holds(String role) {
        return posts.stream().anyMatch(p -> p.role().equals(role));
    }

    /** Whether one of the person's posts is this role in one of these areas. */
    public boolean holdsIn(String role, Collection<String> areaCodes) {
        return posts.stream()
                .anyMatch(
                        p ->
                                p.role().equals(role)
                                        && p.areaCode() != null
                                        && areaCodes.contains(p.areaCode()));
    }

    /**
     * The areas this person's posts of this role are held in: the district a dispatcher or duty
     * chief serves, the grids of a grid post.
     */
    public Set<String> areasOf(String role) {
        var areas = new LinkedHashSet<String>();
        posts.stream()
                .filter(p -> p.role().equals(role) && p.areaCode() != null)
                .forEach(p -> areas.add(p.areaCode()));
        return areas;
    }

    /**
     * Whether one of the person's posts of this role names no area. A dispatcher's or duty chief's
     * post written before posts named the district they serve is such a post: it stays bound to no
     * district, as before, until an administrator names one (grid-service accepts no new one).
     */
    public boolean holdsWithoutArea(String role) {
        return posts.stream().anyMatch(p -> p.role().equals(role) && p.areaCode() == null);
    }

    public boolean belongsTo(String department) {
        return department != null && Objects.equals(departmentCode, department);
    }
}
