package cn.gridgov.dispatch.pages;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells this service's pages (the console, its wall view, the department workbench) what the
 * browser needs to know before it signs in: where case-service's API is as the browser reaches it
 * ({@code gridgov.pages.cases-api}) and the map's tile server ({@code gridgov.pages.tile-url}, a
 * Leaflet URL template such as a city's own server or 天地图; none by default, and the map then draws
 * the grids and cases on a plain background). {@code GET /console/config.json} and {@code
 * /workbench/config.json} answer the same. Open like the pages' shells; everything the pages then
 * ask either service for needs the person's token.
 */
@ApplicationScoped
public class PageConfig {

    private final String body;

    public PageConfig(
            @ConfigProperty(name = "gridgov.pages.cases-api") String casesApi,
            @ConfigProperty(name = "gridgov.pages.tile-url") Optional<String> tileUrl,
            @ConfigProperty(name = "gridgov.pages.tile-attribution")
                    Optional<String> tileAttribution) {
        this.body =
                new JsonObject()
                        .put("casesApi", casesApi)
                        .put("tileUrl", tileUrl.orElse(null))
                        .put("tileAttribution", tileAttribution.orElse(null))
                        .encode();
    }

    void route(@Observes Router router) {
        for (var page : new String[] {"/console/config.json", "/workbench/config.json"}) {
            router.get(page)
                    .handler(
                            ctx ->
                                    ctx.response()
                                            .putHeader("Content-Type", "application/json")
                                            .putHeader("Cache-Control", "no-cache")
                                            .end(body));
        }
    }
}
