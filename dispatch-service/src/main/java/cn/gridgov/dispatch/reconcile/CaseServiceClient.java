package cn.gridgov.dispatch.reconcile;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/**
 * case-service's compact list of open cases, asked with this service's own token; used by {@link
 * Reconciliation}.
 */
@RegisterRestClient(configKey = "case-service")
@OidcClientFilter
@Path("/api/v1/reconciliation/open-cases")
interface CaseServiceClient {

    /** One open case as case-service holds it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record OpenCase(
            UUID caseId,
            String number,
            String status,
            String step,
            String handlerDepartment,
            String handlerKind,
            Instant updatedAt) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Page(List<OpenCase> cases, String next) {}

    @GET
    Uni<Page> page(@QueryParam("after") String after, @QueryParam("limit") int limit);
}
