package cn.gridgov.dispatch.access;

/**
 * Who acts on a command, as the policy allowed them: the staff id from the verified token, the post
 * they act in (one of theirs that the command allows), and the department they act for (their own,
 * or {@code GRID} for a grid chief handling a case in the grid). Recorded on the decision, the
 * whistle, the duty report and in the events; a request body never says it.
 */
public record Actor(String staffId, String role, String departmentCode) {

    /** As events carry it (event-contracts). */
    public cn.gridgov.contracts.Actor inEvents() {
        return new cn.gridgov.contracts.Actor(staffId, role, departmentCode);
    }
}
