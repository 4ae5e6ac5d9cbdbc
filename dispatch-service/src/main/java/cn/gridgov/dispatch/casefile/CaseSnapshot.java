package cn.gridgov.dispatch.casefile;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The case as every case event carries it. Read tolerantly: a missing or malformed field is
 * null, unknown fields are ignored, so an older or newer case-service does not stop us.
 */
public record CaseSnapshot(UUID caseId, String number, String status, String category, String urgency,
                           String gridCode, List<String> dedicatedGridCodes, Double longitude, Double latitude,
                           String subjectType, String step, Instant stepStartedAt, Instant stepWarnAt,
                           Instant stepDueAt) {

    /** Statuses in which nothing is running any more: no timer, no whistle. */
    public static final Set<String> ENDED = Set.of("CLOSED", "EVALUATED", "REJECTED", "MERGED", "PARKED");

    public static CaseSnapshot of(UUID caseId, JsonNode data) {
        var dedicated = new ArrayList<String>();
        data.path("dedicatedGridCodes").forEach(code -> {
            if (code.isTextual()) {
                dedicated.add(code.asText());
            }
        });
        return new CaseSnapshot(caseId, text(data, "number"), text(data, "status"), text(data, "category"),
                text(data, "urgency"), text(data, "gridCode"),
                data.has("dedicatedGridCodes") ? List.copyOf(dedicated) : null, number(data, "longitude"),
                number(data, "latitude"), text(data, "subjectType"), text(data, "step"), time(data, "stepStartedAt"),
                time(data, "stepWarnAt"), time(data, "stepDueAt"));
    }

    private static String text(JsonNode data, String field) {
        var node = data.path(field);
        return node.isValueNode() && !node.isNull() ? node.asText() : null;
    }

    private static Double number(JsonNode data, String field) {
        var node = data.path(field);
        return node.isNumber() ? node.asDouble() : null;
    }

    private static Instant time(JsonNode data, String field) {
        var text = text(data, field);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException malformed) {
            return null;
        }
    }
}
