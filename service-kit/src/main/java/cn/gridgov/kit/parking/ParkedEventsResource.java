package cn.gridgov.kit.parking;

import cn.gridgov.kit.identity.SignedIn;
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

/**
 * The operator's view of the records this service's consumers parked, and the replay after a fix:
 * an administrator's alone ({@link ParkingPolicy}).
 */
@Path("/api/v1/parked-events")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
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
    public Uni<ParkedEvent> replay(@PathParam("id") String id) {
        var caller = ParkingPolicy.requireAdministrator(signedIn.caller());
        return replays.replay(id(id), caller.staffId());
    }

    /** Replays every waiting record of a subject (a case id), in order, until one fails again. */
    @POST
    @Path("/subjects/{subject}/replay")
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
