package cn.gridgov.dispatch;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * An HTTP server on case-service's address in the test profile answering its compact list of open
 * cases as case-service does (pages by case id, {@code next} until the last), to a bearer token
 * only, with the cases a test sets. case-service itself is not started by this module's tests;
 * closing this is case-service going down.
 */
public final class StandInCaseService implements AutoCloseable {

    /** One open case as case-service would list it. */
    public record OpenCase(
            String caseId,
            String number,
            String status,
            String step,
            String handlerDepartment,
            String handlerKind,
            String updatedAt) {

        public static OpenCase of(
                String caseId,
                String number,
                String status,
                String step,
                String handler,
                String handlerKind,
                Instant updatedAt) {
            return new OpenCase(
                    caseId, number, status, step, handler, handlerKind, updatedAt.toString());
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Few per page, so that every check pages. */
    private static final int PAGE = 2;

    private final HttpServer server;
    private final List<OpenCase> open = new CopyOnWriteArrayList<>();
    private final AtomicInteger unauthenticated = new AtomicInteger();
    private final AtomicInteger pages = new AtomicInteger();

    public StandInCaseService() throws IOException {
        var url =
                ConfigProvider.getConfig()
                        .getValue("quarkus.rest-client.case-service.url", String.class);
        server =
                HttpServer.create(new InetSocketAddress("127.0.0.1", URI.create(url).getPort()), 0);
        server.createContext(
                "/api/v1/reconciliation/open-cases",
                exchange -> {
                    var authorization = exchange.getRequestHeaders().getFirst("Authorization");
                    byte[] body;
                    int status;
                    if (authorization == null || !authorization.startsWith("Bearer ")) {
                        unauthenticated.incrementAndGet();
                        status = 401;
                        body =
                                "{\"code\":\"UNAUTHENTICATED\",\"message\":\"a bearer token is required\"}"
                                        .getBytes(StandardCharsets.UTF_8);
                    } else {
                        pages.incrementAndGet();
                        var query = exchange.getRequestURI().getQuery();
                        var after =
                                query == null
                                        ? ""
                                        : java.util.Arrays.stream(query.split("&"))
                                                .filter(p -> p.startsWith("after="))
                                                .map(p -> p.substring(6))
                                                .findFirst()
                                                .orElse("");
                        var sorted =
                                open.stream()
                                        .sorted(java.util.Comparator.comparing(OpenCase::caseId))
                                        .toList();
                        var rest =
                                sorted.stream()
                                        .filter(
                                                c ->
                                                        after.isEmpty()
                                                                || c.caseId().compareTo(after) > 0)
                                        .toList();
                        var page = rest.subList(0, Math.min(PAGE, rest.size()));
                        ObjectNode answer = JSON.createObjectNode();
                        answer.set("cases", JSON.valueToTree(page));
                        answer.put(
                                "next",
                                rest.size() > PAGE ? page.get(page.size() - 1).caseId() : null);
                        status = 200;
                        body = answer.toString().getBytes(StandardCharsets.UTF_8);
                    }
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(status, body.length);
                    exchange.getResponseBody().write(body);
                    exchange.close();
                });
        server.start();
    }

    /** What case-service holds open from now on. */
    public void holds(List<OpenCase> cases) {
        open.clear();
        open.addAll(cases);
    }

    public int unauthenticated() {
        return unauthenticated.get();
    }

    public int pages() {
        return pages.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
