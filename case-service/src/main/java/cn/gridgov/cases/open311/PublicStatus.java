package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.CaseStatus;

/**
 * What a citizen's app is told of a status: GeoReport's open or closed, FixMyStreet's finer states
 * for updates (its "additional states" extension), and the step in words. Staff's own notes stay
 * inside: they may name people.
 */
final class PublicStatus {

    private PublicStatus() {}

    static String openOrClosed(CaseStatus status) {
        return status.isOpen() ? "open" : "closed";
    }

    /** The state an update carries, in FixMyStreet's words. */
    static String updateState(CaseStatus status) {
        return switch (status) {
            case REPORTED -> "OPEN";
            case VERIFIED -> "INVESTIGATING";
            case ACCEPTED, DISPATCHED, PARKED -> "ACTION_SCHEDULED";
            case HANDLING, RESULT_SUBMITTED -> "IN_PROGRESS";
            case CLOSED, EVALUATED -> "FIXED";
            case REJECTED -> "NO_FURTHER_ACTION";
            case MERGED -> "DUPLICATE";
        };
    }

    /** The step in words; {@code department} names who it was dispatched to, when known. */
    static String notes(CaseStatus status, String department) {
        return switch (status) {
            case REPORTED -> "已上报，待核实";
            case VERIFIED -> "已核实，待受理";
            case ACCEPTED -> "已受理，正在分派";
            case DISPATCHED -> "已派遣至 " + (department == null ? "处置部门" : department);
            case HANDLING -> "正在处置";
            case PARKED -> "已挂账";
            case RESULT_SUBMITTED -> "处置完毕，待核查";
            case CLOSED -> "已结案";
            case EVALUATED -> "已结案并评价";
            case REJECTED -> "经核实不予立案";
            case MERGED -> "已并案";
        };
    }
}
