package cn.gridgov.kit.audit;

import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The service's audit trail, newest first: an administrator's to read (403 {@code ADMIN_ONLY} for
 * anyone else, by the role in their token).
 */
@Path("/api/v1/audit")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPERATIONS)
public class AuditResource {

    private final AuditTrail audit;
    private final SignedIn signedIn;

    public AuditResource(AuditTrail audit, SignedIn signedIn) {
        this.audit = audit;
        this.signedIn = signedIn;
    }

    /**
     * {@code ?kind=DEPARTMENT&code=ZHZF&from=2026-01-01T00:00:00Z&to=…&limit=100}, every filter
     * optional.
     */
    @GET
    @Operation(
            summary = "The audit trail",
            description =
                    "Who changed what and when, newest first: of a kind (AREA, DEPARTMENT, ZONE, STAFF, …) and a code, between from and to (instants), at most limit; every filter optional.")
    @APIResponse(responseCode = "200", description = "The entries, newest first")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT: from or to is not an instant (2026-12-07T08:00:00Z), limit not a whole number in range")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator reads the audit trail")
    public Uni<List<AuditTrail.Entry>> find(
            @QueryParam("kind") String kind,
            @QueryParam("code") String code,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        var caller = signedIn.caller();
        if (!caller.holds("ADMIN")) {
            throw Problem.forbidden(
                    "ADMIN_ONLY",
                    "only an administrator reads the audit trail; "
                            + caller.staffId()
                            + " holds "
                            + caller.roles().stream().sorted().toList());
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
            throw Problem.invalid(
                    "INVALID_INPUT",
                    field,
                    field + " must be an instant such as 2026-12-07T08:00:00Z");
        }
    }
}
