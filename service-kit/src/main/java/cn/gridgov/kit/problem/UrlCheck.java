package cn.gridgov.kit.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Refuses, before anything reads it, a URL whose path or query holds the NUL character ({@code
 * %00}) with 400 {@code NUL_IN_URL}: PostgreSQL stores and compares no NUL in text, so a look-up by
 * such a parameter would fail as a server error (the body's text is refused the same way by {@link
 * StorableText}); and one that is not a URI (a {@code %} not followed by two hexadecimal digits:
 * {@code /api/v1/areas/%zz}; a raw space) with 400 {@code MALFORMED_URL}, which Quarkus would
 * otherwise answer with an empty body ({@link ServiceMain}).
 */
@ApplicationScoped
public class UrlCheck {

    static final String MALFORMED_URL = "MALFORMED_URL";
    static final String NOT_A_URI =
            "the path or query is not a valid URI: each % must be followed by two hexadecimal"
                    + " digits of UTF-8, and spaces and characters such as \" < > { } | \\ ^ `"
                    + " percent-encoded";

    void refuseBadUrls(@Observes Router router) {
        router.route()
                .order(BodyLimit.BEFORE_QUARKUS)
                .handler(
                        context -> {
                            var uri = context.request().uri();
                            if (uri.toLowerCase(Locale.ROOT).contains("%00")) {
                                EarlyRefusal.refuse(
                                        context,
                                        400,
                                        "NUL_IN_URL",
                                        "the path and query must not contain the NUL character (%00)");
                            } else if (!isUri(uri)) {
                                EarlyRefusal.refuse(context, 400, MALFORMED_URL, NOT_A_URI);
                            } else {
                                context.next();
                            }
                        });
    }

    /**
     * Whether the request's target is a URI (RFC 2396, as {@link URI} reads it): the check Quarkus
     * makes, answered here in JSON ({@link ServiceMain}).
     */
    static boolean isUri(String target) {
        try {
            new URI(target);
            return true;
        } catch (URISyntaxException notAUri) {
            return false;
        }
    }
}
