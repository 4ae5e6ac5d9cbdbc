package cn.gridgov.kit.parking;

import cn.gridgov.kit.identity.Caller;
import cn.gridgov.kit.problem.Problem;

/**
 * Who may see and replay parked records: administrators alone (rule {@code ADMIN_ONLY}). The
 * records hold other services' events whole, personal data included, and a replay changes cases.
 */
public final class ParkingPolicy {

    private ParkingPolicy() {}

    public static Caller requireAdministrator(Caller caller) {
        if (!caller.holds("ADMIN")) {
            throw Problem.forbidden(
                    "ADMIN_ONLY",
                    "only an administrator sees and replays parked events; "
                            + caller.staffId()
                            + " holds "
                            + caller.roles().stream().sorted().toList());
        }
        return caller;
    }
}
