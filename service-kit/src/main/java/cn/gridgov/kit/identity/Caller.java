package cn.gridgov.kit.identity;

import java.util.Set;

/**
 * Who is calling, as a verified bearer token says: the staff id (the token's {@code staff_id}
 * claim) and the coarse roles the identity provider gave. What the caller may touch (which grids,
 * which department) is not here: each service's policy reads it from grid-service's posts.
 */
public record Caller(String staffId, Set<String> roles) {

    /**
     * The role of another service of the system calling with its own token (client credentials).
     */
    public static final String SERVICE = "SERVICE";

    public Caller {
        roles = Set.copyOf(roles);
    }

    public boolean isService() {
        return roles.contains(SERVICE);
    }

    public boolean holds(String role) {
        return roles.contains(role);
    }
}
