package cn.gridgov.kit.parking;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class OutageTest {

    @Test
    @DisplayName(
            "a database that is down, restarting, full or asking for a retry is an outage, however deeply wrapped")
    void databaseTroubleIsAnOutage() {
        assertThat(Outage.is(new CompletionException(new ConnectException("Connection refused"))))
                .isTrue();
        assertThat(Outage.is(new RuntimeException(ClosedConnectionException.INSTANCE))).isTrue();
        assertThat(
                        Outage.is(
                                new PgException(
                                        "terminating connection due to administrator command",
                                        "FATAL",
                                        "57P01",
                                        null)))
                .isTrue();
        assertThat(
                        Outage.is(
                                new PgException(
                                        "the database system is starting up",
                                        "FATAL",
                                        "57P03",
                                        null)))
                .isTrue();
        assertThat(Outage.is(new PgException("too many connections", "FATAL", "53300", null)))
                .isTrue();
        assertThat(Outage.is(new PgException("could not serialize access", "ERROR", "40001", null)))
                .isTrue();
    }

    @Test
    @DisplayName(
            "a failure of the record itself (a bug, a constraint, bad data, a body that breaks off) is not an outage: it counts towards parking")
    void aRecordsOwnFailureIsNoOutage() {
        assertThat(Outage.is(new NullPointerException("routed is null"))).isFalse();
        assertThat(Outage.is(new PgException("duplicate key", "ERROR", "23505", null))).isFalse();
        assertThat(
                        Outage.is(
                                new PgException(
                                        "invalid input syntax for type uuid",
                                        "ERROR",
                                        "22P02",
                                        null)))
                .isFalse();
        assertThat(Outage.is(new UnusableEvent("carries no snapshot"))).isFalse();
        // A request body that breaks off (a multipart part with no end) is the request's fault.
        assertThat(
                        Outage.is(
                                new RuntimeException(
                                        new java.io.IOException("Unexpected end of part"))))
                .isFalse();
    }
}
