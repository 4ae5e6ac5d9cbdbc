package cn.gridgov.kit.testing;

import static io.restassured.RestAssured.given;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What a service's own API document ({@code /q/openapi?format=json}) must say of every operation,
 * so that a client can call it from the document alone: a summary and a description; at least one
 * 2xx; every response described, each 4xx naming its error codes and with its body; 401 where it
 * needs a token, 400 where it reads a body or query parameters; an example of each request body; a
 * group of the document's, with its description. {@link #shortcomings()} names each operation and
 * what it lacks. Which operations answer 403 the access matrix knows: {@link AccessMatrix} checks
 * that each operation it sees refusing someone documents its 403 ({@link #lacking}).
 */
public final class ApiDocumentation {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch");

    /** An error code as the error bodies write it: capitals, digits and underscores. */
    private static final Pattern ERROR_CODE = Pattern.compile("\\b[A-Z][A-Z0-9_]{4,}\\b");

    private ApiDocumentation() {}

    /** One line per operation that lacks something, naming it; empty when all is documented. */
    public static List<String> shortcomings() {
        var document = read();
        var described = new HashSet<String>();
        document.path("tags")
                .forEach(
                        tag -> {
                            if (!tag.path("description").asText("").isBlank()) {
                                described.add(tag.path("name").asText());
                            }
                        });
        var lines = new ArrayList<String>();
        var paths = document.path("paths");
        paths.fieldNames()
                .forEachRemaining(
                        path ->
                                paths.get(path)
                                        .properties()
                                        .iterator()
                                        .forEachRemaining(
                                                entry -> {
                                                    if (!METHODS.contains(entry.getKey())) {
                                                        return;
                                                    }
                                                    var missing =
                                                            missing(
                                                                    document,
                                                                    entry.getValue(),
                                                                    described);
                                                    if (!missing.isEmpty()) {
                                                        lines.add(
                                                                entry.getKey()
                                                                                .toUpperCase(
                                                                                        Locale.ROOT)
                                                                        + " "
                                                                        + path
                                                                        + ": "
                                                                        + String.join(
                                                                                ", ", missing));
                                                    }
                                                }));
        return lines;
    }

    private static List<String> missing(
            JsonNode document, JsonNode operation, Set<String> described) {
        var missing = new ArrayList<String>();
        if (operation.path("summary").asText("").isBlank()) {
            missing.add("a summary");
        }
        if (operation.path("description").asText("").isBlank()) {
            missing.add("a description");
        }
        var tags = new ArrayList<String>();
        operation.path("tags").forEach(tag -> tags.add(tag.asText()));
        if (tags.isEmpty() || !described.containsAll(tags)) {
            missing.add("a group (@Tag) of ApiTags, which describes it");
        }
        var responses = operation.path("responses");
        var statuses = new ArrayList<String>();
        responses.fieldNames().forEachRemaining(statuses::add);
        if (statuses.stream().noneMatch(status -> status.startsWith("2"))) {
            missing.add("a 2xx response");
        }
        for (var status : statuses) {
            var response = responses.get(status);
            var description = response.path("description").asText("");
            if (description.isBlank()) {
                missing.add("a description of its " + status);
            }
            if (status.startsWith("4") && !ERROR_CODE.matcher(description).find()) {
                missing.add("the error codes of its " + status + " in their description");
            }
            if (status.startsWith("4") && response.path("content").isEmpty()) {
                missing.add("the body of its " + status);
            }
        }
        var security =
                operation.has("security") ? operation.get("security") : document.path("security");
        boolean needsToken = !security.isEmpty();
        if (needsToken && !statuses.contains("401")) {
            missing.add("its 401");
        }
        boolean readsQuery = false;
        for (var parameter : operation.path("parameters")) {
            readsQuery |= "query".equals(parameter.path("in").asText());
        }
        var body = operation.path("requestBody");
        if ((readsQuery || !body.isMissingNode()) && !statuses.contains("400")) {
            missing.add("its 400 (the input it refuses)");
        }
        body.path("content")
                .properties()
                .iterator()
                .forEachRemaining(
                        media -> {
                            if (!media.getValue().has("example")
                                    && media.getValue().path("examples").isEmpty()) {
                                missing.add("an example of its " + media.getKey() + " body");
                            }
                        });
        return missing;
    }

    /** Of the operations given as "METHOD /path", those whose document names no such response. */
    public static Set<String> lacking(Set<String> endpoints, String status) {
        var paths = read().path("paths");
        var lacking = new java.util.TreeSet<String>();
        for (var endpoint : endpoints) {
            var methodAndPath = endpoint.split(" ", 2);
            var responses =
                    paths.path(methodAndPath[1])
                            .path(methodAndPath[0].toLowerCase(Locale.ROOT))
                            .path("responses");
            if (!responses.has(status)) {
                lacking.add(endpoint);
            }
        }
        return lacking;
    }

    private static JsonNode read() {
        var document =
                given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        try {
            return new ObjectMapper().readTree(document);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }
}
