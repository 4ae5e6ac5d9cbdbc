package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * case.rework: the check failed (返工), the case is handled again; the snapshot and how often that
 * happened.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseRework(@JsonUnwrapped CaseSnapshot snapshot, int reworkCount) {}
