package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

/** case.evaluated: step 8 (考核评价), the reporter's score and the case's record up to its close. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseEvaluated(
        @JsonUnwrapped CaseSnapshot snapshot,
        int satisfaction,
        boolean onTime,
        int reworkCount,
        int sendBackCount,
        boolean solvedInGrid) {}
