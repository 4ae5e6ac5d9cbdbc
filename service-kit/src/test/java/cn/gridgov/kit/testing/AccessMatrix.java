package cn.gridgov.kit.testing;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Who may call what, as data: one row per endpoint of a service, each with the callers to try
 * (anonymous, a demo user of each role, a user of the wrong scope) and what each must get. The
 * endpoints are read from the service's own OpenAPI document, so an endpoint added without a row
 * fails the test, and so does a row for an endpoint that no longer exists; an endpoint that refuses
 * someone with 403 must document its 403.
 *
 * <pre>
 * matrix.row("POST", "/api/v1/cases/{ref}/verify", "/api/v1/cases/" + number + "/verify", "{}")
 *       .expect(ANONYMOUS, UNAUTHENTICATED).expect("G07-2", ALLOWED).expect("G20-2", FORBIDDEN);
 * </pre>
 */
public final class AccessMatrix {

    /** The caller with no token at all. */
    public static final String ANONYMOUS = "(anonymous)";

    /** Another service of the system, with its own token (client credentials). */
    public static final String SERVICE = "(a service)";

    public enum Outcome {
        /** 401 with a JSON body. */
        UNAUTHENTICATED,
        /** 403 with a JSON body naming the rule. */
        FORBIDDEN,
        /**
         * Anything but 401 or 403: the request reached the operation (it may still be invalid,
         * unknown, in conflict).
         */
        ALLOWED
    }

    public static final class Row {
        final String method;
        final String template;
        final String path;
        final String body;
        final Map<String, Outcome> expected = new LinkedHashMap<>();
        String accept = "application/json";
        String contentType = "application/json";

        Row(String method, String template, String path, String body) {
            this.method = method;
            this.template = template;
            this.path = path;
            this.body = body;
        }

        /**
         * What the call accepts, for an endpoint that answers something other than JSON (a stream,
         * GeoJSON).
         */
        public Row accept(String mediaType) {
            this.accept = mediaType;
            return this;
        }

        /**
         * What the call sends, for an endpoint that takes something other than JSON (a multipart
         * upload).
         */
        public Row contentType(String mediaType) {
            this.contentType = mediaType;
            return this;
        }

        public Row expect(String caller, Outcome outcome) {
            expected.put(caller, outcome);
            return this;
        }

        /** The same outcome for several callers. */
        public Row expect(Outcome outcome, String... callers) {
            for (var caller : callers) {
                expected.put(caller, outcome);
            }
            return this;
        }

        String endpoint() {
            return method + " " + template;
        }
    }

    private final List<Row> rows = new ArrayList<>();

    /**
     * A row: the method and path template as the OpenAPI document writes them, the concrete path to
     * call (with real ids where the outcome depends on the case or grid), and a JSON body (or
     * null).
     */
    public Row row(String method, String template, String path, String body) {
        var row = new Row(method, template, path, body);
        rows.add(row);
        return row;
    }

    /**
     * The operations of a service's OpenAPI document ({@code /q/openapi?format=json}), as "METHOD
     * /path".
     */
    public static Set<String> documentedEndpoints() {
        var document =
                given().accept("application/json")
                        .get("/q/openapi?format=json")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString();
        try {
            var endpoints = new TreeSet<String>();
            var paths = new ObjectMapper().readTree(document).path("paths");
            paths.fieldNames()
                    .forEachRemaining(
                            path ->
                                    paths.get(path)
                                            .fieldNames()
                                            .forEachRemaining(
                                                    method -> {
                                                        if (Set.of(
                                                                        "get", "put", "post",
                                                                        "delete", "patch")
                                                                .contains(method)) {
                                                            endpoints.add(
                                                                    method.toUpperCase(
                                                                                    java.util.Locale
                                                                                            .ROOT)
                                                                            + " "
                                                                            + path);
                                                        }
                                                    }));
            return endpoints;
        } catch (Exception e) {
            throw new IllegalStateException("the OpenAPI document is not JSON", e);
        }
    }

    /**
     * Every documented endpoint has a row, and every row an endpoint; then every expectation holds.
     */
    public void verify() {
        var covered = new TreeSet<String>();
        rows.forEach(r -> covered.add(r.endpoint()));
        assertThat(covered)
                .as("endpoints with a row in the access matrix")
                .isEqualTo(documentedEndpoints());
        var failures = new ArrayList<String>();
        for (var row : rows) {
            assertThat(row.expected).as("callers of " + row.endpoint()).containsKey(ANONYMOUS);
            row.expected.forEach(
                    (caller, outcome) -> {
                        var request = given().contentType(row.contentType).accept(row.accept);
                        if (SERVICE.equals(caller)) {
                            request = request.auth().oauth2(Tokens.service());
                        } else if (!ANONYMOUS.equals(caller)) {
                            request = request.auth().oauth2(Tokens.of(caller));
                        }
                        if (row.body != null) {
                            // As bytes, so a multipart body goes as written rather than through
                            // RestAssured's encoders.
                            request =
                                    request.body(
                                            row.body.getBytes(
                                                    java.nio.charset.StandardCharsets.UTF_8));
                        }
                        var response = request.request(row.method, row.path);
                        int status = response.statusCode();
                        var ok =
                                switch (outcome) {
                                    case UNAUTHENTICATED -> status == 401;
                                    case FORBIDDEN -> status == 403;
                                    case ALLOWED -> status != 401 && status != 403;
                                };
                        if (outcome != Outcome.ALLOWED && ok) {
                            ok =
                                    response.contentType().startsWith("application/json")
                                            && response.jsonPath().getString("code") != null;
                        }
                        if (!ok) {
                            failures.add(
                                    row.method
                                            + " "
                                            + row.path
                                            + " as "
                                            + caller
                                            + ": expected "
                                            + outcome
                                            + ", got "
                                            + status
                                            + " "
                                            + response.asString());
                        }
                    });
        }
        assertThat(failures).as("refusals and permissions that do not match the matrix").isEmpty();
        var refusing = new TreeSet<String>();
        rows.stream()
                .filter(row -> row.expected.containsValue(Outcome.FORBIDDEN))
                .forEach(row -> refusing.add(row.endpoint()));
        assertThat(ApiDocumentation.lacking(refusing, "403"))
                .as("operations that refuse someone with 403 but document no 403 (@APIResponse)")
                .isEmpty();
    }
}
