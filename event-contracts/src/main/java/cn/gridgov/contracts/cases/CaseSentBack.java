package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/**
 * case.sent-back: a department sent the case back to dispatch; the snapshot and how often that
 * happened.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseSentBack(@JsonUnwrapped CaseSnapshot snapshot, int sendBackCount) {}
