package cn.gridgov.kit.testing.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.kit.testing.AccessMatrix;
import cn.gridgov.kit.testing.Tokens;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Tuple;

/**
 * Sends generated malformed and hostile requests to every operation of a service's OpenAPI document
 * (so a new endpoint is covered without a word here), as callers who may call each one (so the
 * validation is reached) and some who may not, and asserts of every answer: no 5xx; every 4xx has a
 * JSON body with a code (Open311's XML answers: XML); no error body names a Java class or package;
 * and a database snapshot before and after each batch shows nothing written by a batch that was
 * refused throughout.
 *
 * <pre>
 * HostileInput.against(db).callers("G07-2", "CC-ADMIN-1").plausible("ref", caseNumber).send(3_400);
 * </pre>
 *
 * The number of requests is the test's, or {@code -Dgridgov.hostile.requests=N} for a longer run.
 */
public final class HostileInput {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int BATCH = 200;
    private static final int IN_FLIGHT = 4;
    private static final String FORGED = "(a forged token)";
    private static final Pattern JAVA_NAME =
            Pattern.compile(
                    "\\b(?:java|javax|jakarta|com\\.fasterxml|org\\.(?:jboss|hibernate|postgresql|eclipse|apache)"
                            + "|io\\.(?:quarkus|vertx|smallrye|netty|agroal)|cn\\.gridgov)\\.[A-Za-z_]"
                            + "|\\b[A-Z][A-Za-z]*(?:Exception|Error)\\b|\\bat [a-z][\\w$]*(?:\\.[\\w$]+)+\\(");

    private final DataSource db;
    private final List<String> callers = new ArrayList<>();
    private final Map<String, List<String>> plausible = new LinkedHashMap<>();
    private final Map<String, List<String>> formFields = new LinkedHashMap<>();
    private final Map<String, JsonNode> examples = new LinkedHashMap<>();
    private final Map<String, String> background = new TreeMap<>();
    private final Map<String, String> unavailable = new TreeMap<>();
    private int maxBodyBytes = 10 * 1024 * 1024;
    private int maxUploadBytes = 64 * 1024;

    private HostileInput(DataSource db) {
        this.db = db;
    }

    /** Against the service under test (RestAssured's port), whose database this is. */
    public static HostileInput against(DataSource db) {
        return new HostileInput(db);
    }

    /** The requests of a run: the test's number, or {@code -Dgridgov.hostile.requests}. */
    public static int requests(int byDefault) {
        return Integer.getInteger("gridgov.hostile.requests", byDefault);
    }

    /**
     * Who may send: demo staff ids (or {@link AccessMatrix#SERVICE}); each endpoint is sent by
     * those of them it does not refuse outright (401, 403).
     */
    public HostileInput callers(String... staffIds) {
        callers.addAll(List.of(staffIds));
        return this;
    }

    /**
     * Values that make sense for a path or query parameter, or a body field, of this name (a real
     * case, a known grid): half the requests use them, so they reach past the look-up.
     */
    public HostileInput plausible(String name, String... values) {
        plausible.put(name, List.of(values));
        return this;
    }

    /** The fields of the service's HTML forms, each with plausible values. */
    public HostileInput formField(String name, String... values) {
        formFields.put(name, List.of(values));
        return this;
    }

    /**
     * A well-formed body for an operation whose OpenAPI document gives no schema ("POST
     * /api/v1/areas/import"), to be broken.
     */
    public HostileInput example(String endpoint, String json) {
        try {
            examples.put(endpoint, JSON.readTree(json));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
        return this;
    }

    /** A table that the service's own background work writes; left out of the snapshot. */
    public HostileInput changedInTheBackground(String table, String why) {
        background.put(table, why);
        return this;
    }

    /**
     * A 503 with this code is the right answer here: it says a service this test does not run
     * (grid-service beside dispatch-service's tests) did not answer, as it would in production
     * while that service is down. Any other 5xx is still a failure.
     */
    public HostileInput unavailableHere(String code, String why) {
        unavailable.put(code, why);
        return this;
    }

    /** The service's {@code quarkus.http.limits.max-body-size}. */
    public HostileInput maxBodyBytes(int bytes) {
        this.maxBodyBytes = bytes;
        return this;
    }

    /** The largest upload the service keeps. */
    public HostileInput maxUploadBytes(int bytes) {
        this.maxUploadBytes = bytes;
        return this;
    }

    private record Request(
            Endpoint endpoint,
            String caller,
            String method,
            String target,
            Map<String, String> headers,
            Body body) {

        String describe() {
            var shown =
                    new String(
                            body.bytes(),
                            0,
                            Math.min(body.bytes().length, 300),
                            StandardCharsets.UTF_8);
            return method
                    + " "
                    + target
                    + " as "
                    + caller
                    + " ("
                    + body.defect()
                    + ")"
                    + (body.bytes().length > 0
                            ? " body: " + shown.replace("\u0000", "\\u0000")
                            : "");
        }

        boolean writes() {
            return !method.equals("GET");
        }

        /** Its body has a defect that no service may accept, and it is sent with a token. */
        boolean mustBeRefused() {
            return body.refusable();
        }
    }

    private record Sent(Request request, RawHttp.Answer answer, String failure) {

        String describe() {
            return request.describe()
                    + " → "
                    + (answer == null
                            ? "no answer"
                            : answer.status() + " " + abbreviate(answer.text()));
        }
    }

    /** Sends the requests and asserts; prints what was sent and answered. */
    public void send(int requests) {
        var http = new RawHttp("127.0.0.1", RestAssured.port);
        var document =
                new OpenApiDocument(
                        RestAssured.given()
                                .accept("application/json")
                                .get("/q/openapi?format=json")
                                .asString());
        var endpoints = document.endpoints();
        assertThat(endpoints).as("operations in the OpenAPI document").isNotEmpty();
        var generator = new Generator(document);
        var run = new Run();
        var started = Instant.now();
        run.baseline = quiet();

        // Who gets past the door of each operation; the probes are hostile requests too.
        var probes = new ArrayList<Request>();
        for (var endpoint : endpoints) {
            for (var caller : callers) {
                probes.add(generator.request(endpoint, caller));
            }
        }
        var probed = run.send(http, probes);
        var permitted = new LinkedHashMap<Endpoint, List<String>>();
        for (var endpoint : endpoints) {
            var through =
                    probed.stream()
                            .filter(s -> s.request().endpoint() == endpoint)
                            .filter(s -> s.answer() != null)
                            .filter(s -> s.answer().status() != 401 && s.answer().status() != 403)
                            .map(s -> s.request().caller())
                            .distinct()
                            .toList();
            permitted.put(endpoint, through.isEmpty() ? List.copyOf(callers) : through);
        }
        var callerIndex = Draw.from(Arbitraries.integers().between(0, 1 << 20));
        var who =
                Draw.from(
                        Arbitraries.frequency(
                                Tuple.of(86, "permitted"),
                                Tuple.of(8, AccessMatrix.ANONYMOUS),
                                Tuple.of(6, FORGED)));
        int next = 0;
        while (run.sent < requests) {
            var batch = new ArrayList<Request>();
            for (int i = 0;
                    i < BATCH && run.sent + run.pending.size() + batch.size() < requests;
                    i++) {
                var endpoint = endpoints.get(next++ % endpoints.size());
                var allowed = permitted.get(endpoint);
                var caller = who.next();
                if (caller.equals("permitted")) {
                    caller = allowed.get(callerIndex.next() % allowed.size());
                }
                batch.add(generator.request(endpoint, caller));
            }
            run.send(http, batch);
            if (run.pending.size() >= BATCH || run.sent + run.pending.size() >= requests) {
                run.sendPending(http);
            }
        }
        run.sendPending(http);

        var took = Duration.between(started, Instant.now());
        System.out.printf(
                "Hostile input: %d requests to %d operations in %d s; %d batches of refusable requests compared with the"
                        + " database, %d requests that a service may accept (forms, writes without a body) sent apart%n",
                run.sent, endpoints.size(), took.toSeconds(), run.compared, run.apart);
        run.statuses.forEach(
                (endpoint, counts) -> System.out.printf("  %-72s %s%n", endpoint, counts));
        var report = new ArrayList<String>();
        run.failures.forEach(
                (what, examples) ->
                        report.add(
                                what
                                        + " ("
                                        + examples.size()
                                        + "×), e.g. "
                                        + examples.subList(0, Math.min(3, examples.size()))));
        assertThat(report).as("hostile requests answered wrongly").isEmpty();
        assertThat(run.statuses.keySet())
                .as("operations that got hostile requests")
                .containsAll(endpoints.stream().map(Endpoint::name).toList());
        assertThat(run.compared).as("batches compared with the database").isPositive();
    }

    /**
     * The run's tally. Requests that must be refused (a defect in the body no reader may accept)
     * and reads are sent in batches compared with the database before and after; requests a service
     * may rightly accept (a form whose one hostile field is still valid, a write without a body)
     * are kept apart and sent together, after which the database's new state is the baseline.
     */
    private final class Run {
        final Map<String, List<String>> failures = new TreeMap<>();
        final Map<String, TreeMap<Integer, Integer>> statuses = new TreeMap<>();
        final List<Request> pending = new ArrayList<>();
        Map<String, String> baseline;
        int sent;
        int compared;
        int apart;

        List<Sent> send(RawHttp http, List<Request> requests) {
            var refusable = new ArrayList<Request>();
            for (var request : requests) {
                if (request.mustBeRefused() || !request.writes()) {
                    refusable.add(request);
                } else {
                    pending.add(request);
                }
            }
            var outcome = sendAll(http, refusable);
            tally(outcome);
            var after = RowSnapshot.of(db, background.keySet());
            var accepted =
                    outcome.stream()
                            .anyMatch(
                                    s ->
                                            s.request().writes()
                                                    && s.answer() != null
                                                    && s.answer().status() < 300);
            if (accepted) {
                baseline = quiet();
            } else {
                compared++;
                var changes = RowSnapshot.changes(baseline, after);
                if (!changes.isEmpty()) {
                    failures.computeIfAbsent(
                                    "a batch of refused requests wrote " + changes,
                                    k -> new ArrayList<>())
                            .addAll(
                                    outcome.stream()
                                            .filter(s -> s.request().writes())
                                            .map(Sent::describe)
                                            .limit(20)
                                            .toList());
                    baseline = quiet();
                } else {
                    baseline = after;
                }
            }
            return outcome;
        }

        void sendPending(RawHttp http) {
            if (pending.isEmpty()) {
                return;
            }
            tally(sendAll(http, pending));
            apart += pending.size();
            pending.clear();
            baseline = quiet();
        }

        private void tally(List<Sent> outcome) {
            sent += outcome.size();
            for (var s : outcome) {
                var name = s.request().endpoint().name();
                statuses.computeIfAbsent(name, k -> new TreeMap<>())
                        .merge(s.answer() == null ? 0 : s.answer().status(), 1, Integer::sum);
                if (s.failure() != null) {
                    failures.computeIfAbsent(name + ": " + s.failure(), k -> new ArrayList<>())
                            .add(s.describe());
                }
            }
        }
    }

    /** Waits until the service's background work is done: two equal snapshots a second apart. */
    private Map<String, String> quiet() {
        var deadline = Instant.now().plusSeconds(30);
        var last = RowSnapshot.of(db, background.keySet());
        while (Instant.now().isBefore(deadline)) {
            sleep(700);
            var now = RowSnapshot.of(db, background.keySet());
            if (now.equals(last)) {
                return now;
            }
            last = now;
        }
        throw new AssertionError(
                "the database did not come to rest within 30 s; tables written in the background: "
                        + "name them with changedInTheBackground");
    }

    private List<Sent> sendAll(RawHttp http, List<Request> requests) {
        var results = new ConcurrentLinkedQueue<Sent>();
        var pool = Executors.newFixedThreadPool(IN_FLIGHT);
        for (var request : requests) {
            pool.execute(() -> results.add(sendOne(http, request)));
        }
        pool.shutdown();
        try {
            assertThat(pool.awaitTermination(5, TimeUnit.MINUTES))
                    .as("the batch was answered")
                    .isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return new ArrayList<>(results);
    }

    private Sent sendOne(RawHttp http, Request request) {
        try {
            var answer =
                    http.send(
                            request.method(),
                            request.target(),
                            request.headers(),
                            request.body().bytes());
            return new Sent(request, answer, judge(request, answer));
        } catch (Exception e) {
            return new Sent(request, null, "no answer: " + e);
        }
    }

    /** The code of a JSON refusal, or null. */
    private static String codeOf(RawHttp.Answer answer) {
        try {
            return JSON.readTree(answer.text()).path("code").asText(null);
        } catch (Exception notJson) {
            return null;
        }
    }

    /** What is wrong with the answer, or null. */
    private String judge(Request request, RawHttp.Answer answer) {
        int status = answer.status();
        if (status == 503 && unavailable.containsKey(codeOf(answer))) {
            return null;
        }
        if (status >= 500) {
            return "a server error, " + status;
        }
        if (status == 414 || status == 431) {
            // The HTTP codec refuses a request line or headers over its limits before the
            // request exists for the application: no body can be given there.
            return null;
        }
        if (status < 400) {
            return request.mustBeRefused()
                    ? status + ": accepted a body that must be refused"
                    : null;
        }
        var text = answer.text();
        if (request.endpoint().answersXml(request.target())) {
            if (!answer.contentType().contains("xml") || !text.startsWith("<")) {
                return status + " without an XML body (" + answer.contentType() + ")";
            }
        } else {
            if (!answer.contentType().startsWith("application/json")
                    && !answer.contentType().startsWith("application/problem+json")) {
                return status
                        + " without a JSON body ("
                        + answer.contentType()
                        + ": "
                        + abbreviate(text)
                        + ")";
            }
            try {
                var body = JSON.readTree(text);
                // Open311's JSON errors are a list of {code, description}.
                var error = body.isArray() && !body.isEmpty() ? body.get(0) : body;
                if (!error.path("code").isTextual() && !error.path("code").isInt()) {
                    return status + " JSON without a code";
                }
            } catch (Exception e) {
                return status + " body is not JSON";
            }
        }
        var sentText =
                new String(request.body().bytes(), StandardCharsets.UTF_8) + " " + request.target();
        var name = JAVA_NAME.matcher(text);
        while (name.find()) {
            if (!sentText.contains(name.group())) {
                return status
                        + " names a Java class or package ("
                        + name.group()
                        + "): "
                        + abbreviate(text);
            }
        }
        return null;
    }

    private static String abbreviate(String text) {
        return text.length() > 300 ? text.substring(0, 300) + "…" : text;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Makes one hostile request for an operation. */
    private final class Generator {

        private final JsonBodies json;
        private final MultipartBodies multipart;
        private final FormBodies forms;
        private final Draw<String> inUrl = Draw.from(HostileText.inUrl());
        private final Draw<Integer> index = Draw.from(Arbitraries.integers().between(0, 1 << 20));
        private final Draw<String> accept =
                Draw.from(
                        Arbitraries.frequency(
                                Tuple.of(12, "application/json"),
                                Tuple.of(6, "*/*"),
                                Tuple.of(1, "application/xml"),
                                Tuple.of(1, "text/html"),
                                Tuple.of(1, "garbage/;;q=x")));
        private final Draw<String> forged =
                Draw.from(
                        Arbitraries.of(
                                "Bearer not-a-jwt",
                                "Bearer eyJhbGciOiJub25lIn0.eyJzdGFmZl9pZCI6IkNDLUFETUlOLTEifQ.",
                                "Bearer " + "A".repeat(3_000),
                                "Basic Q0MtQURNSU4tMTpncmlkZ292LWRlbW8=",
                                "Bearer",
                                "bearer  ..."));

        Generator(OpenApiDocument document) {
            this.json = new JsonBodies(document, plausible, examples, maxBodyBytes);
            this.multipart = new MultipartBodies(maxUploadBytes);
            this.forms = new FormBodies(formFields);
        }

        Request request(Endpoint endpoint, String caller) {
            var body = body(endpoint);
            // A write whose body need not be refused reaches no real record: its path is hostile.
            boolean pathMayBePlausible =
                    !endpoint.method().equals("DELETE")
                            && (endpoint.method().equals("GET") || body.refusable());
            var path = endpoint.template();
            for (var parameter : endpoint.pathParameters().keySet()) {
                var values = plausible.get(parameter);
                String value;
                if (values != null && pathMayBePlausible && index.next() % 3 != 0) {
                    value = HostileText.encode(values.get(index.next() % values.size()));
                } else {
                    value = inUrl.next();
                }
                path = path.replace("{" + parameter + "}", value);
            }
            path = path.replaceAll("\\{[^}]*}", inUrl.next());
            var query = new StringBuilder();
            for (var parameter : endpoint.queryParameters().keySet()) {
                if (index.next() % 2 == 0) {
                    var values = plausible.get(parameter);
                    var value =
                            values != null && index.next() % 2 == 0
                                    ? HostileText.encode(values.get(index.next() % values.size()))
                                    : inUrl.next();
                    query.append(query.isEmpty() ? "?" : "&")
                            .append(parameter)
                            .append('=')
                            .append(value);
                }
            }
            if (index.next() % 10 == 0) {
                query.append(query.isEmpty() ? "?" : "&")
                        .append(inUrl.next())
                        .append('=')
                        .append(inUrl.next());
            }
            var headers = new LinkedHashMap<String, String>();
            headers.put("Accept", accept.next());
            if (body.contentType() != null) {
                headers.put("Content-Type", body.contentType());
            }
            switch (caller) {
                case AccessMatrix.ANONYMOUS -> {}
                case FORGED -> headers.put("Authorization", forged.next());
                case AccessMatrix.SERVICE ->
                        headers.put("Authorization", "Bearer " + Tokens.service());
                default -> headers.put("Authorization", "Bearer " + Tokens.of(caller));
            }
            return new Request(endpoint, caller, endpoint.method(), path + query, headers, body);
        }

        private Body body(Endpoint endpoint) {
            if (!endpoint.takesBody()) {
                return Body.NONE;
            }
            var type = endpoint.bodyTypes().get(index.next() % endpoint.bodyTypes().size());
            if (type.startsWith("multipart/")) {
                return multipart.next();
            }
            if (type.startsWith("application/x-www-form-urlencoded")) {
                return forms.next(type);
            }
            return json.next(endpoint, type.contains("json") ? type : "application/json");
        }
    }
}
