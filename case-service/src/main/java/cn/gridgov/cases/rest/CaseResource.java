package cn.gridgov.cases.rest;

import static cn.gridgov.cases.casefile.CaseProblem.Kind.NOT_FOUND;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseProblem;
import cn.gridgov.cases.casefile.CaseRepository;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;

@Path("/api/v1/cases")
@Produces(MediaType.APPLICATION_JSON)
public class CaseResource {

    private final CaseRepository cases;

    public CaseResource(CaseRepository cases) {
        this.cases = cases;
    }

    /** A case by its number (2026-000123) or its id. */
    @GET
    @Path("/{ref}")
    @WithSession
    public Uni<CaseView> get(@PathParam("ref") String ref) {
        var id = uuidOrNull(ref);
        var found = id != null ? cases.findById(id) : cases.findByNumber(ref);
        return found.map(c -> CaseView.of(required(c, "no case " + ref)));
    }

    /** The case a report became: what a phone asks after sending. */
    @GET
    @Path("/by-report/{reportId}")
    @WithSession
    public Uni<CaseView> byReport(@PathParam("reportId") UUID reportId) {
        return cases.findByReportId(reportId).map(c -> CaseView.of(required(c, "no case for report " + reportId)));
    }

    private static Case required(Case c, String message) {
        if (c == null) {
            throw new CaseProblem(NOT_FOUND, "CASE_NOT_FOUND", null, message);
        }
        return c;
    }

    private static UUID uuidOrNull(String ref) {
        try {
            return UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            return null;
        }
    }
}
