package cn.gridgov.dispatch.gridservice;

import cn.gridgov.kit.problem.ErrorBody;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The one answer when grid-service cannot answer what a request needs: 503
 * {@code GRID_SERVICE_UNAVAILABLE} with the usual error body. The kit's {@code Problem} has no 503
 * kind; an exception that carries its response is passed through as is.
 */
public final class GridServiceUnavailable {

    private GridServiceUnavailable() {
    }

    /** {@code what} says what grid-service could not give, as a sentence start: "grid-service could not …". */
    public static WebApplicationException because(String what, Throwable failure) {
        var body = new ErrorBody("GRID_SERVICE_UNAVAILABLE", what + ": " + failure.getMessage(), null);
        return new WebApplicationException(body.message(), failure,
                Response.status(503).entity(body).type(MediaType.APPLICATION_JSON).build());
    }
}
