package cn.gridgov.grid.staff;

import cn.gridgov.kit.problem.Problem;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The posts (roles) a person may hold. The set is configuration ({@code gridgov.staff.roles}): a
 * town that adds a post changes a property, not the code. The default is the seed's 一长六员 (网格长, 网格员,
 * 巡查员, 信息员, 联络员, 党建专员, 督查员) and the command and department roles.
 */
@ApplicationScoped
public class RoleCatalogue {

    @ConfigMapping(prefix = "gridgov.staff")
    public interface Config {
        @WithDefault(
                "GRID_CHIEF,GRID_WORKER,PATROLLER,INFORMANT,LIAISON,PARTY_SPECIALIST,INSPECTOR,"
                        + "DEPARTMENT_STAFF,DISPATCHER,DUTY_CHIEF,SUPERVISOR,LEADER,ADMIN")
        List<String> roles();
    }

    /** The seed's seven grid posts, one chief and six staff (一长六员). */
    public static final List<String> GRID_POSTS =
            List.of(
                    "GRID_CHIEF",
                    "GRID_WORKER",
                    "PATROLLER",
                    "INFORMANT",
                    "LIAISON",
                    "PARTY_SPECIALIST",
                    "INSPECTOR");

    /**
     * The command center's posts that act for one district: each is held in the area it serves, and
     * the other services let it act only on cases located there.
     */
    public static final Set<String> DISTRICT_POSTS = Set.of("DISPATCHER", "DUTY_CHIEF");

    private final Set<String> roles;

    public RoleCatalogue(Config config) {
        this.roles = new LinkedHashSet<>(config.roles());
    }

    public Set<String> roles() {
        return roles;
    }

    public void requireKnown(String field, String role) {
        if (role == null || !roles.contains(role)) {
            throw Problem.invalid(
                    "UNKNOWN_ROLE", field, "role " + role + " is not one of " + roles);
        }
    }
}
