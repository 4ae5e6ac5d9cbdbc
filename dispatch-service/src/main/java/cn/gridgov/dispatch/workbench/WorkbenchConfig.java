package cn.gridgov.dispatch.workbench;

import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Tells the department workbench where case-service's API is, as the browser reaches it
 * ({@code gridgov.workbench.cases-api}): {@code GET /workbench/config.json}. Open like the page's
 * shell; everything the page then asks either service for needs the person's token.
 */
@ApplicationScoped
public class WorkbenchConfig {

    private final String casesApi;

    public WorkbenchConfig(@ConfigProperty(name = "gridgov.workbench.cases-api") String casesApi) {
        this.casesApi = casesApi;
    }

    void route(@Observes Router router) {
        var body = new JsonObject().put("casesApi", casesApi).encode();
        router.get("/workbench/config.json").handler(ctx -> ctx.response()
                .putHeader("Content-Type", "application/json")
                .putHeader("Cache-Control", "no-cache")
                .end(body));
    }
}
