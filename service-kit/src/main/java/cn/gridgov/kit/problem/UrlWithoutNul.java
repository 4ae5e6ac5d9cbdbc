package cn.gridgov.kit.problem;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Locale;

/**
 * Refuses a URL whose path or query holds the NUL character ({@code %00}) with 400 {@code
 * NUL_IN_URL}: PostgreSQL stores and compares no NUL in text, so a look-up by such a parameter
 * would fail as a server error. The body's text is refused the same way by {@link TextWithoutNul}.
 */
@ApplicationScoped
public class UrlWithoutNul {

    void refuseNul(@Observes Router router) {
        router.route()
                .order(BodyLimit.BEFORE_QUARKUS)
                .handler(
                        context -> {
                            if (context.request().uri().toLowerCase(Locale.ROOT).contains("%00")) {
                                EarlyRefusal.refuse(
                                        context,
                                        400,
                                        "NUL_IN_URL",
                                        "the path and query must not contain the NUL character (%00)");
                            } else {
                                context.next();
                            }
                        });
    }
}
