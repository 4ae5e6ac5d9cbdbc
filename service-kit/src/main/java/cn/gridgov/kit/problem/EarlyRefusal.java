package cn.gridgov.kit.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.ext.web.RoutingContext;

/**
 * A refusal answered on the HTTP route, before the request reaches its resource (and before its
 * body is read): the same JSON {@link ErrorBody} every refusal has, and the connection closed so
 * that a body not read is not read either.
 */
public final class EarlyRefusal {

    private static final ObjectMapper JSON = new ObjectMapper();

    private EarlyRefusal() {}

    public static void refuse(RoutingContext context, int status, String code, String message) {
        if (namesXml(context.request().path())) {
            // A path that names the XML format (Open311's GeoReport) is answered in it, in the
            // specification's form of an error.
            respond(
                    context,
                    status,
                    "application/xml",
                    "<?xml version=\"1.0\" encoding=\"utf-8\"?><errors><error><code>"
                            + status
                            + "</code><description>"
                            + message.replace("&", "&amp;").replace("<", "&lt;")
                            + "</description></error></errors>");
            return;
        }
        try {
            respond(
                    context,
                    status,
                    "application/json",
                    JSON.writeValueAsString(new ErrorBody(code, message, null)));
        } catch (JsonProcessingException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /**
     * Whether a path names the XML format: its last segment ends in {@code .xml}. A segment's
     * matrix parameters ({@code /tokens/x;y=z.xml}: the segment is {@code x}) name no format.
     */
    public static boolean namesXml(String path) {
        if (path == null) {
            return false;
        }
        var last = path.substring(path.lastIndexOf('/') + 1);
        return last.split(";", 2)[0].endsWith(".xml");
    }

    private static void respond(RoutingContext context, int status, String type, String body) {
        context.response()
                .setStatusCode(status)
                .putHeader("Content-Type", type)
                .putHeader("Connection", "close")
                .end(body);
    }

    /** The body's length as its Content-Length header declares it; -1 when it declares none. */
    public static long declaredLength(RoutingContext context) {
        var length = context.request().getHeader("Content-Length");
        if (length == null) {
            return -1;
        }
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException unreadable) {
            return -1;
        }
    }
}
