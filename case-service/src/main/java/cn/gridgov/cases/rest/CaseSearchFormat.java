package cn.gridgov.cases.rest;

import cn.gridgov.cases.search.CaseQueryReader;
import cn.gridgov.kit.problem.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.Optional;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The case search's two faces, JSON and CSV, are two methods told apart by the Accept header alone.
 */
@ApplicationScoped
public class CaseSearchFormat {

    /**
     * Sends a search asked for as CSV by {@code format=csv} to the CSV method, and any other search
     * to the JSON one: the two are told apart by the Accept header alone.
     */
    @ServerRequestFilter(preMatching = true)
    public void chooseFormat(ContainerRequestContext request) {
        if (!"GET".equals(request.getMethod())
                || !request.getUriInfo().getPath().equals("/api/v1/cases")) {
            return;
        }
        var params = request.getUriInfo().getQueryParameters();
        boolean csv;
        try {
            csv =
                    CaseQueryReader.csv(params)
                            || (!params.containsKey("format")
                                    && Optional.ofNullable(
                                                    request.getHeaderString(HttpHeaders.ACCEPT))
                                            .map(accept -> accept.contains(CaseSearchResource.CSV))
                                            .orElse(false));
        } catch (Problem unknownFormat) {
            return; // the JSON method reads the parameters again and answers the 400
        }
        request.getHeaders()
                .putSingle(
                        HttpHeaders.ACCEPT,
                        csv ? CaseSearchResource.CSV : MediaType.APPLICATION_JSON);
    }
}
