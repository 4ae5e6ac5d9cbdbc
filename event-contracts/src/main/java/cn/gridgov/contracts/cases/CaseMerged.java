package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.UUID;

/**
 * case.merged: folded into an open case of the same problem; the snapshot and the case it joined.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseMerged(
        @JsonUnwrapped CaseSnapshot snapshot, UUID mergedInto, String mergedIntoNumber) {}
