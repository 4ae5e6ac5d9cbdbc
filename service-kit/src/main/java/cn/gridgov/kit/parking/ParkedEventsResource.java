package cn.gridgov.kit.parking;

import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The operator's view of the records this service's consumers parked, and the replay after a fix:
 * an administrator's alone ({@link ParkingPolicy}).
 */
@Path("/api/v1/parked-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.OPERATIONS)
public class ParkedEventsResource {

    private static final int MAX_LIMIT = 1000;

    private final ParkedEvents parked;
    private final Replays replays;
    private final SignedIn signedIn;

    public ParkedEventsResource(ParkedEvents parked, Replays replays, SignedIn signedIn) {
        this.parked = parked;
        this.replays = replays;
        this.signedIn = signedIn;
    }

    /**
     * The records still waiting, oldest first: {@code ?consumer=dispatch-events&subject=<case
     * id>&limit=100}, each optional.
     */
    @GET
    @Operation(
            summary = "The records this service's consumers parked",
            description =
                    "The records still waiting, oldest first, of a consumer and a subject (a case id) if given, at most limit (1 to 1,000, default 100). A parked record holds back its subject's later records until it is replayed or discarded.")
    @APIResponse(
            responseCode = "200",
            description = "The waiting records, oldest first",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    [{"id":12,"consumer":"dispatch-events","topic":"dispatch-events.v1","subject":"2026-000001","eventId":"5d0c…","type":"dispatch.routed",
                                                     "reason":"FAILED","error":"…","attempts":5,"parkedAt":"2026-12-07T08:30:00Z","resolvedAt":null,"resolution":null,"resolvedBy":null}]
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT: limit is not a whole number from 1 to 1,000")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator sees parked records")
    public Uni<List<ParkedEvent>> waiting(
            @QueryParam("consumer") String consumer,
            @QueryParam("subject") String subject,
            @QueryParam("limit") @DefaultValue("100") String limit) {
        ParkingPolicy.requireAdministrator(signedIn.caller());
        int parsed;
        try {
            parsed = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            parsed = 0;
        }
        if (parsed < 1 || parsed > MAX_LIMIT) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "limit",
                    "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return parked.waiting(blankToNull(consumer), blankToNull(subject), parsed);
    }

    /**
     * Replays one record: 409 {@code NOT_FIRST_OF_SUBJECT} unless it is its subject's oldest,
     * {@code STILL_FAILING} if it fails again.
     */
    @POST
    @Path("/{id}/replay")
    @Operation(
            summary = "Replay one parked record",
            description =
                    "Applies the record once more through its consumer, with the consumer's declarations of now: replayed, or still waiting if it fails again. Only its subject's oldest waiting record may be replayed, so a case's events stay in order.")
    @APIResponse(responseCode = "200", description = "The record, resolved as REPLAYED")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT: the id is not a whole number")
    @APIResponse(responseCode = "403", description = "ADMIN_ONLY: only an administrator replays")
    @APIResponse(
            responseCode = "404",
            description = "PARKED_EVENT_NOT_FOUND: no parked record has this id")
    @APIResponse(
            responseCode = "409",
            description =
                    "NOT_FIRST_OF_SUBJECT (an older record of its subject waits), STILL_FAILING (it failed again and waits), ALREADY_RESOLVED, NO_SUCH_CONSUMER")
    public Uni<ParkedEvent> replay(@PathParam("id") String id) {
        var caller = ParkingPolicy.requireAdministrator(signedIn.caller());
        return replays.replay(id(id), caller.staffId());
    }

    /** Replays every waiting record of a subject (a case id), in order, until one fails again. */
    @POST
    @Path("/subjects/{subject}/replay")
    @Operation(
            summary = "Replay every parked record of a subject",
            description =
                    "Replays the waiting records of a subject (a case id) in order, and stops at the first that fails again; each outcome is listed.")
    @APIResponse(responseCode = "200", description = "One outcome per record tried, in order")
    @APIResponse(responseCode = "403", description = "ADMIN_ONLY: only an administrator replays")
    public Uni<List<Replays.Outcome>> replaySubject(@PathParam("subject") String subject) {
        var caller = ParkingPolicy.requireAdministrator(signedIn.caller());
        return replays.replaySubject(subject, caller.staffId());
    }

    /**
     * Discards a record that must never be applied (it stays listed as discarded, and on the
     * dead-letter topic).
     */
    @POST
    @Path("/{id}/discard")
    @Operation(
            summary = "Discard a parked record",
            description =
                    "For a record that must never be applied: it stays listed as discarded (and on the dead-letter topic), and its subject's later records flow again.")
    @APIResponse(responseCode = "200", description = "The record, resolved as DISCARDED")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT: the id is not a whole number")
    @APIResponse(responseCode = "403", description = "ADMIN_ONLY: only an administrator discards")
    @APIResponse(
            responseCode = "404",
            description = "PARKED_EVENT_NOT_FOUND: no parked record has this id")
    @APIResponse(
            responseCode = "409",
            description = "ALREADY_RESOLVED: the record was replayed or discarded before")
    public Uni<ParkedEvent> discard(@PathParam("id") String id) {
        var caller = ParkingPolicy.requireAdministrator(signedIn.caller());
        return replays.discard(id(id), caller.staffId());
    }

    private static long id(String id) {
        try {
            return Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw Problem.invalid("INVALID_INPUT", "id", "a parked event's id is a whole number");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
