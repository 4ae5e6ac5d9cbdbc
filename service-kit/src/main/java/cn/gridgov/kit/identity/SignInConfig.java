package cn.gridgov.kit.identity;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells a page where people sign in: {@code GET /auth/config.json} answers the provider's issuer as
 * the browser reaches it ({@code gridgov.pages.issuer}, by default the issuer the service verifies
 * tokens against). Open like the pages' shells; the pages' sign-in script (/auth/gridgov-auth.js)
 * reads it and does the rest with the provider itself (code flow with PKCE).
 */
@ApplicationScoped
public class SignInConfig {

    private final String issuer;

    public SignInConfig(@ConfigProperty(name = "gridgov.pages.issuer") String issuer) {
        this.issuer = issuer;
    }

    void route(@Observes Router router) {
        var body = new JsonObject().put("issuer", issuer).encode();
        router.get("/auth/config.json")
                .handler(
                        ctx ->
                                ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .putHeader("Cache-Control", "no-cache")
                                        .end(body));
    }
}
