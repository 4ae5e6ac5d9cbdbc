package cn.gridgov.kit.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * A request the HTTP layer refuses before any resource sees it gets the JSON body every refusal
 * has, instead of Quarkus' empty one; so does a multipart body that breaks off as it is read (400
 * {@code UNREADABLE_BODY}), which would otherwise be a server error. Server errors go on to
 * Quarkus' handler, which logs them.
 */
@ApplicationScoped
public class RouteFailures {

    void answerInJson(@Observes Router router) {
        router.route()
                .order(BodyLimit.BEFORE_QUARKUS)
                .failureHandler(
                        context -> {
                            int status = context.statusCode();
                            if (brokenMultipart(context.failure())
                                    && !context.response().headWritten()) {
                                EarlyRefusal.refuse(
                                        context,
                                        400,
                                        "UNREADABLE_BODY",
                                        "the multipart body is broken: send each part with its"
                                                + " headers and end the body with its closing"
                                                + " boundary");
                            } else if (status >= 400
                                    && status < 500
                                    && !context.response().headWritten()) {
                                var reason =
                                        io.netty.handler.codec.http.HttpResponseStatus.valueOf(
                                                        status)
                                                .reasonPhrase();
                                EarlyRefusal.refuse(
                                        context,
                                        status,
                                        reason.toUpperCase(Locale.ROOT).replace(' ', '_'),
                                        reason);
                            } else {
                                context.next();
                            }
                        });
        // A path whose percent-encoding Vert.x cannot decode fails while the router matches it to a
        // route, before any route runs: the router answers it through its error handler for 400.
        router.errorHandler(
                400,
                context -> {
                    if (!context.response().headWritten()) {
                        EarlyRefusal.refuse(
                                context, 400, UrlCheck.MALFORMED_URL, UrlCheck.NOT_A_URI);
                    }
                });
    }

    /**
     * A multipart body that breaks off or is malformed fails in the framework's parser, as the body
     * is read, with an IOException: the request's fault, not the server's.
     */
    static boolean brokenMultipart(Throwable failure) {
        if (!(failure instanceof java.io.IOException)) {
            return false;
        }
        for (var frame : failure.getStackTrace()) {
            if (frame.getClassName().startsWith(MULTIPART_PARSER)) {
                return true;
            }
        }
        return false;
    }

    private static final String MULTIPART_PARSER =
            "org.jboss.resteasy.reactive.server.core.multipart.";
}
