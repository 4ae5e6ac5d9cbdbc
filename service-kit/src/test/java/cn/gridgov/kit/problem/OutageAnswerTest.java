package cn.gridgov.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smallrye.mutiny.CompositeException;
import io.vertx.pgclient.PgException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutageAnswerTest {

    private final ErrorMappers mappers = new ErrorMappers();
    private final OutageMapper outages = new OutageMapper();

    @Test
    @DisplayName("a database that cannot be reached answers 503 with Retry-After, never a 500")
    void databaseDownIsUnavailable() throws Exception {
        var response =
                outages.databaseDown(
                        new CompletionException(new ConnectException("Connection refused")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(response.getHeaderString("Retry-After")).isEqualTo("5");
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo("TEMPORARILY_UNAVAILABLE");
        assertThat(
                        outages.databaseDown(
                                        new PgException(
                                                "the database system is shutting down",
                                                "FATAL",
                                                "57P03",
                                                null))
                                .getStatus())
                .isEqualTo(503);
    }

    @Test
    @DisplayName("a failure that is no outage is not dressed up as one")
    void otherFailuresPassThrough() {
        var failure = new CompletionException(new IllegalStateException("a bug"));
        assertThatThrownBy(() -> outages.databaseDown(failure)).isSameAs(failure);
    }

    @Test
    @DisplayName(
            "a fallback that failed too answers with the refusal inside it (grid-service down: 503), not a 500")
    void compositeCarriesItsRefusal() {
        var response =
                mappers.composite(
                        new CompositeException(
                                new IllegalStateException("503 from grid-service"),
                                new Problem(
                                        Problem.Kind.UNAVAILABLE,
                                        "GRID_SERVICE_UNAVAILABLE",
                                        null,
                                        "grid-service cannot be reached")));
        assertThat(response.getStatus()).isEqualTo(503);
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo("GRID_SERVICE_UNAVAILABLE");
    }
}
