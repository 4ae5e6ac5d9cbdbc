package cn.gridgov.contracts.cases;

import cn.gridgov.contracts.dispatch.DepartmentRef;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.util.List;

/**
 * case.dispatched: sent to a department (分流交办), again after a re-route; the snapshot and the
 * co-handlers.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseDispatched(
        @JsonUnwrapped CaseSnapshot snapshot, List<DepartmentRef> coHandlers) {}
