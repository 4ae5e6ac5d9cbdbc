package cn.gridgov.grid.access;

import cn.gridgov.kit.identity.Caller;
import cn.gridgov.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Who may change grid-service's data, in one place. Every endpoint needs a valid token (the
 * resources are {@code @Authenticated}); reads are open to any signed-in caller, staff of any role
 * or another service. grid-service is the source of posts, so its rules read the caller's roles
 * from the token and the target from the request; it never asks another service.
 *
 * <ul>
 *   <li>{@value #ADMIN_ONLY}: areas (create, import), staff (create, replace), departments (create,
 *       replace), zones (create) and the audit trail are an administrator's;
 *   <li>{@value #ONLY_SELF_OR_ADMIN}: a person goes on and off duty themselves, or an administrator
 *       sets it;
 *   <li>{@value #ONLY_SELF}: a location ping is the person's own, or comes from another service
 *       relaying it.
 * </ul>
 */
@ApplicationScoped
public class AccessPolicy {

    public static final String ADMIN = "ADMIN";
    public static final String ADMIN_ONLY = "ADMIN_ONLY";
    public static final String ONLY_SELF_OR_ADMIN = "ONLY_SELF_OR_ADMIN";
    public static final String ONLY_SELF = "ONLY_SELF";

    /**
     * Changes to the organisation (areas, departments, zones, staff) and reading the audit trail.
     */
    public void requireAdmin(Caller caller, String what) {
        if (!caller.holds(ADMIN)) {
            throw Problem.forbidden(
                    ADMIN_ONLY,
                    "only an administrator may " + what + "; " + caller.staffId() + " is not one");
        }
    }

    /** Going on or off duty: the person themselves, or an administrator. */
    public void requireSelfOrAdmin(Caller caller, String staffId) {
        if (!caller.staffId().equals(staffId) && !caller.holds(ADMIN)) {
            throw Problem.forbidden(
                    ONLY_SELF_OR_ADMIN,
                    caller.staffId()
                            + " may not set the duty of "
                            + staffId
                            + ": only the person themselves or an administrator may");
        }
    }

    /**
     * A location ping: only the person's own phone, or another service of the system relaying it.
     */
    public void requireSelf(Caller caller, String staffId) {
        if (!caller.staffId().equals(staffId) && !caller.isService()) {
            throw Problem.forbidden(
                    ONLY_SELF,
                    caller.staffId()
                            + " may not report where "
                            + staffId
                            + " is: a person reports only their own location");
        }
    }
}
