package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.audit.AuditLog;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;

/** The audit trail of areas, departments, zones and staff, newest first; an administrator's to read. */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    private final AuditLog audit;
    private final SignedIn signedIn;
    private final AccessPolicy policy;

    public AuditResource(AuditLog audit, SignedIn signedIn, AccessPolicy policy) {
        this.audit = audit;
        this.signedIn = signedIn;
        this.policy = policy;
    }

    /** {@code ?kind=DEPARTMENT&code=ZHZF&from=2026-01-01T00:00:00Z&to=…&limit=100}, every filter optional. */
    @GET
    public Uni<List<AuditLog.Entry>> find(@QueryParam("kind") String kind, @QueryParam("code") String code,
                                          @QueryParam("from") String from, @QueryParam("to") String to,
                                          @QueryParam("limit") @DefaultValue("100") String limit) {
        policy.requireAdmin(signedIn.caller(), "read the audit trail");
        if (kind != null && !List.of(AuditLog.AREA, AuditLog.DEPARTMENT, AuditLog.ZONE, AuditLog.STAFF).contains(kind)) {
            throw Problem.invalid("INVALID_INPUT", "kind", "kind must be one of AREA, DEPARTMENT, ZONE, STAFF");
        }
        int parsed;
        try {
            parsed = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw Problem.invalid("INVALID_INPUT", "limit", "limit must be a whole number");
        }
        return audit.find(kind, code, instant("from", from), instant("to", to), parsed);
    }

    private static Instant instant(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw Problem.invalid("INVALID_INPUT", field, field + " must be an instant such as 2026-12-07T08:00:00Z");
        }
    }
}
