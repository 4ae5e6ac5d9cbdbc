package cn.gridgov.kit.testing.hostile;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The endpoints of a service's OpenAPI document ({@code /q/openapi?format=json}). */
final class OpenApiDocument {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    private final JsonNode document;

    OpenApiDocument(String json) {
        try {
            this.document = new ObjectMapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    List<Endpoint> endpoints() {
        var endpoints = new ArrayList<Endpoint>();
        var paths = document.path("paths");
        paths.fieldNames()
                .forEachRemaining(
                        template -> {
                            var item = paths.get(template);
                            item.fieldNames()
                                    .forEachRemaining(
                                            method -> {
                                                if (METHODS.contains(method)) {
                                                    endpoints.add(
                                                            endpoint(
                                                                    method,
                                                                    template,
                                                                    item,
                                                                    item.get(method)));
                                                }
                                            });
                        });
        return endpoints;
    }

    private Endpoint endpoint(String method, String template, JsonNode item, JsonNode operation) {
        var path = new LinkedHashMap<String, JsonNode>();
        var query = new LinkedHashMap<String, JsonNode>();
        var parameters = new ArrayList<JsonNode>();
        item.path("parameters").forEach(parameters::add);
        operation.path("parameters").forEach(parameters::add);
        for (var parameter : parameters) {
            var resolved = resolve(parameter);
            var schema = resolve(resolved.path("schema"));
            switch (resolved.path("in").asText()) {
                case "path" -> path.put(resolved.path("name").asText(), schema);
                case "query" -> query.put(resolved.path("name").asText(), schema);
                default -> {}
            }
        }
        // A template segment with no declared parameter (a regular expression in the path) is
        // still a parameter.
        var matcher = java.util.regex.Pattern.compile("\\{([^}]+)}").matcher(template);
        while (matcher.find()) {
            path.putIfAbsent(matcher.group(1), MissingNode.getInstance());
        }
        var types = new ArrayList<String>();
        JsonNode schema = MissingNode.getInstance();
        var content = resolve(operation.path("requestBody")).path("content");
        var names = content.fieldNames();
        while (names.hasNext()) {
            var type = names.next();
            types.add(type);
            if (schema.isMissingNode()) {
                schema = resolve(content.get(type).path("schema"));
            }
        }
        return new Endpoint(method.toUpperCase(Locale.ROOT), template, path, query, types, schema);
    }

    /** The node itself, or the component its {@code $ref} names. */
    JsonNode resolve(JsonNode node) {
        var seen = 0;
        while (node.has("$ref") && seen++ < 20) {
            var ref = node.get("$ref").asText();
            node = document.at(ref.substring(1));
        }
        return node;
    }
}
