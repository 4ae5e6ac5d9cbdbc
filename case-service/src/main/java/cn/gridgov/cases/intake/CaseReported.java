package cn.gridgov.cases.intake;

import cn.gridgov.cases.casefile.Case;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** What a {@code case.reported} event adds to the case snapshot (schema: events/case.reported.schema.json). */
final class CaseReported {

    static final String TYPE = "case.reported";

    private CaseReported() {
    }

    static Map<String, Object> data(Case c, String description, List<UUID> photoIds, List<DuplicateCandidate> duplicates) {
        var data = new LinkedHashMap<String, Object>();
        data.put("reportId", c.reportId);
        data.put("description", description);
        data.put("reportedAt", c.reportedAt);
        data.put("photoIds", photoIds);
        data.put("possibleDuplicates", duplicates.stream().map(DuplicateCandidate::caseId).toList());
        return data;
    }
}
