package cn.gridgov.cases.casefile;

/**
 * Where a case stands in the eight-step loop. So far a case is reported and then routed by
 * dispatch-service; the remaining steps (verify, accept, handle, check, evaluate) join this enum
 * with their transition table.
 */
public enum CaseStatus {
    REPORTED
}
