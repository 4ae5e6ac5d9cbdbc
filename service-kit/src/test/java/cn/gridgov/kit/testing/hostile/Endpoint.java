package cn.gridgov.kit.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * One operation of a service's OpenAPI document: its method and path template, its parameters by
 * name with their schema, and the media types of its request body with the body's schema (refs
 * resolved against the document's components).
 */
record Endpoint(
        String method,
        String template,
        Map<String, JsonNode> pathParameters,
        Map<String, JsonNode> queryParameters,
        List<String> bodyTypes,
        JsonNode bodySchema) {

    String name() {
        return method + " " + template;
    }

    boolean takesBody() {
        return !bodyTypes.isEmpty();
    }

    /** Open311's answers are in the format the path names (as the service reads it). */
    boolean answersXml(String target) {
        return cn.gridgov.kit.problem.EarlyRefusal.namesXml(target.split("\\?", 2)[0]);
    }
}
