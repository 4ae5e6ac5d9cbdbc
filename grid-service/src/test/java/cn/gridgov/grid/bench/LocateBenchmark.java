package cn.gridgov.grid.bench;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.grid.area.GridIndex;
import cn.gridgov.grid.area.LocateQuery;
import cn.gridgov.grid.geojson.AreaImporter;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Locate on the 12,000-grid city over HTTP, beside the raw PostGIS rate of the same query measured
 * in the same run on the same machine. Not part of the normal build: run it with {@code ./mvnw -B
 * -Pbench test -pl grid-service} (see the README).
 */
@QuarkusTest
class LocateBenchmark {

    static final Duration WARM_UP = Duration.ofSeconds(Integer.getInteger("bench.warmup", 5));
    static final Duration MEASURED = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    static final int IN_FLIGHT = Integer.getInteger("bench.in-flight", 16);

    @Inject AgroalDataSource dataSource;

    @Inject AreaImporter importer;

    @Inject ObjectMapper json;

    @Inject Pool pool;

    @Inject GridIndex index;

    @ConfigProperty(name = "quarkus.http.test-port")
    int port;

    @Test
    @DisplayName(
            "locate on the 12,000-grid city: HTTP lookups per second and p99 beside the raw PostGIS query rate")
    void locateThroughput() throws Exception {
        BenchCity.loadIfAbsent(dataSource, importer, json);
        var points = BenchCity.points(100_000);

        var raw =
                LoadRun.run(
                        "raw PostGIS, the locate SQL, reactive client",
                        IN_FLIGHT,
                        WARM_UP,
                        MEASURED,
                        i -> {
                            var p = points[(int) (i % points.length)];
                            return pool.preparedQuery(LocateQuery.SQL)
                                    .execute(Tuple.of(p[0], p[1]))
                                    .subscribeAsCompletionStage();
                        });

        // The import marked the index stale; measure the service as it runs, once it has caught up.
        org.awaitility.Awaitility.await().atMost(Duration.ofMinutes(1)).until(index::isCurrent);
        // The client gets event loops of its own, as it would in another process, instead of the
        // server's.
        var clientVertx = Vertx.vertx(new io.vertx.core.VertxOptions().setEventLoopPoolSize(2));
        var client =
                clientVertx.createHttpClient(
                        new HttpClientOptions()
                                .setDefaultHost("127.0.0.1")
                                .setDefaultPort(port)
                                .setKeepAlive(true)
                                .setMaxPoolSize(IN_FLIGHT));
        // Every request carries a grid worker's bearer token, as the phones' do: its check is part
        // of the cost.
        var authorization = "Bearer " + cn.gridgov.kit.testing.Tokens.of("G07-2");
        var http =
                LoadRun.run(
                        "HTTP GET /api/v1/locate",
                        IN_FLIGHT,
                        WARM_UP,
                        MEASURED,
                        i -> {
                            var p = points[(int) (i % points.length)];
                            var uri =
                                    String.format(
                                            Locale.ROOT,
                                            "/api/v1/locate?lon=%.6f&lat=%.6f",
                                            p[0],
                                            p[1]);
                            return client.request(HttpMethod.GET, uri)
                                    .compose(
                                            request ->
                                                    request.putHeader(
                                                                    "Authorization", authorization)
                                                            .send())
                                    .compose(
                                            response ->
                                                    response.body()
                                                            .map(
                                                                    body -> {
                                                                        if (response.statusCode()
                                                                                != 200) {
                                                                            throw new IllegalStateException(
                                                                                    "locate answered "
                                                                                            + response
                                                                                                    .statusCode()
                                                                                            + ": "
                                                                                            + body);
                                                                        }
                                                                        return body;
                                                                    }))
                                    .toCompletionStage();
                        });
        client.close();
        clientVertx.close();
        var stillCurrent = index.isCurrent();
        BenchCity.remove(dataSource);

        Report.print(
                "locate on the 12,000-grid city ("
                        + IN_FLIGHT
                        + " requests in flight, "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores shared by client, server and PostgreSQL, load average "
                        + Report.loadAverage()
                        + ")",
                raw,
                http,
                String.format(
                        Locale.ROOT,
                        "HTTP reaches %.0f%% of the raw query rate (in-memory index current throughout: %s);"
                                + " target >= 5,000 /s, p99 < 20 ms",
                        100 * http.perSecond() / raw.perSecond(),
                        stillCurrent));
        assertThat(http.errors()).isZero();
    }
}
