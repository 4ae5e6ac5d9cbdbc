package cn.gridgov.cases.casefile;

/** The posts that act on cases. Citizens and the system act too, so they are roles here. */
public enum Role {
    GRID_WORKER,
    GRID_CHIEF,
    DUTY_CHIEF,
    DISPATCHER,
    DEPARTMENT_STAFF,
    SUPERVISOR,
    LEADER,
    ADMIN,
    REPORTER,
    SYSTEM
}
