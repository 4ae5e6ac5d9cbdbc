package cn.gridgov.cases.phone;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Tells the phone page its map background ({@link PhoneMapConfig}): {@code GET /phone/config.json}.
 * Open like the page's shell; everything the page then asks for needs the person's token.
 */
@ApplicationScoped
public class PhoneConfig {

    private final String body;

    public PhoneConfig(PhoneMapConfig map) {
        this.body =
                new JsonObject()
                        .put("tileUrl", map.tileUrl().orElse(""))
                        .put("tileAttribution", map.tileAttribution().orElse(""))
                        .put("maxZoom", map.maxZoom())
                        .encode();
    }

    void route(@Observes Router router) {
        router.get("/phone/config.json")
                .handler(
                        ctx ->
                                ctx.response()
                                        .putHeader("Content-Type", "application/json")
                                        .putHeader("Cache-Control", "no-cache")
                                        .end(body));
    }
}
