package cn.gridgov.kit.problem;

import cn.gridgov.kit.parking.Outage;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeoutException;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * A request that failed because the database is down, restarting or out of connections is no fault
 * of the request's nor a bug: it answers 503 {@code TEMPORARILY_UNAVAILABLE} with a {@code
 * Retry-After}, so a phone or a script sends it again a little later (every command is safe to
 * resend), and the service answers normally again as soon as the database is back, without a
 * restart (the pool opens new connections by itself). Anything else that reaches this mapper is
 * rethrown as it is.
 */
public class OutageMapper {

    /** Long enough for a restarting PostgreSQL, short enough that a phone's resend is not late. */
    static final String RETRY_AFTER_SECONDS = "5";

    @ServerExceptionMapper({
        IOException.class,
        CompletionException.class,
        TimeoutException.class,
        io.vertx.core.VertxException.class,
        io.vertx.sqlclient.DatabaseException.class
    })
    public Response databaseDown(Exception e) throws Exception {
        if (!Outage.is(e)) {
            throw e;
        }
        return unavailable();
    }

    static Response unavailable() {
        return Response.status(503)
                .header("Retry-After", RETRY_AFTER_SECONDS)
                .entity(
                        new ErrorBody(
                                "TEMPORARILY_UNAVAILABLE",
                                "the database cannot be reached just now; try again in a few seconds"
                                        + " (sending the same request again is safe)",
                                null))
                .type("application/json")
                .build();
    }
}
