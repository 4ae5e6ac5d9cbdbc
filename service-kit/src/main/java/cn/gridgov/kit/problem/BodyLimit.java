package cn.gridgov.kit.problem;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A request whose declared body is larger than {@code quarkus.http.limits.max-body-size} is refused
 * before a byte of it is read, with the JSON body every refusal has (413 {@code BODY_TOO_LARGE}):
 * Quarkus' own check at the same limit answers with an empty body.
 */
@ApplicationScoped
public class BodyLimit {

    /** Before Quarkus' own check of the body's size (order -2). */
    static final int BEFORE_QUARKUS = -3;

    private final long maxBodyBytes;

    public BodyLimit(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
                    MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void refuseOversizedBodies(@Observes Router router) {
        router.route()
                .order(BEFORE_QUARKUS)
                .handler(
                        context -> {
                            if (EarlyRefusal.declaredLength(context) > maxBodyBytes) {
                                EarlyRefusal.refuse(
                                        context,
                                        413,
                                        "BODY_TOO_LARGE",
                                        "a request body may have at most "
                                                + maxBodyBytes
                                                + " bytes");
                            } else {
                                context.next();
                            }
                        });
    }
}
