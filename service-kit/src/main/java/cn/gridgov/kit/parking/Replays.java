package cn.gridgov.kit.parking;

import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.ArrayList;
import java.util.List;

/**
 * What an operator does with parked records once the cause is fixed (a release that applies or
 * declares the type, corrected data): replays them through their consumer, in their subject's
 * order, or discards one that must never be applied. A replay is one attempt; if it fails again the
 * record keeps waiting with the new error.
 */
@ApplicationScoped
public class Replays {

    /**
     * What became of one record in a replay: REPLAYED, or STILL_FAILING with the error (the records
     * after it were not tried).
     */
    public record Outcome(
            long id, String consumer, String eventId, String type, String result, String error) {}

    private final ParkedEvents parked;
    private final Parking parking;
    private final ParkedCount count;
    private final Instance<ParkingConsumer> consumers;

    public Replays(
            ParkedEvents parked,
            Parking parking,
            ParkedCount count,
            Instance<ParkingConsumer> consumers) {
        this.parked = parked;
        this.parking = parking;
        this.count = count;
        this.consumers = consumers;
    }

    /** Replays one record; only the oldest waiting of its subject, so a subject's order holds. */
    public Uni<ParkedEvent> replay(long id, String by) {
        return waitingRecord(id)
                .chain(
                        row -> {
                            var first =
                                    row.subject() == null
                                            ? Uni.createFrom().item(row)
                                            : parked.firstWaiting(row.consumer(), row.subject());
                            return first.chain(
                                    oldest -> {
                                        if (oldest.id() != row.id()) {
                                            throw Problem.conflict(
                                                    "NOT_FIRST_OF_SUBJECT",
                                                    "id",
                                                    "parked event "
                                                            + oldest.id()
                                                            + " of "
                                                            + row.subject()
                                                            + " waits before it: replay that one first, or the whole subject");
                                        }
                                        return once(row, by)
                                                .chain(
                                                        outcome -> {
                                                            if (outcome.error() != null) {
                                                                throw Problem.conflict(
                                                                        "STILL_FAILING",
                                                                        "id",
                                                                        "parked event "
                                                                                + id
                                                                                + " failed again and keeps "
                                                                                + "waiting: "
                                                                                + outcome.error());
                                                            }
                                                            return parked.find(id);
                                                        });
                                    });
                        });
    }

    /**
     * Replays every waiting record of a subject, consumer by consumer, oldest first, until one
     * fails again; records parked behind them while this runs are replayed too.
     */
    public Uni<List<Outcome>> replaySubject(String subject, String by) {
        return parked.consumersWaiting(subject)
                .chain(
                        names -> {
                            var outcomes = new ArrayList<Outcome>();
                            Uni<Void> chain = Uni.createFrom().voidItem();
                            for (var name : names) {
                                chain = chain.chain(() -> replayFrom(name, subject, by, outcomes));
                            }
                            return chain.replaceWith(outcomes);
                        });
    }

    private Uni<Void> replayFrom(
            String consumer, String subject, String by, List<Outcome> outcomes) {
        return parked.firstWaiting(consumer, subject)
                .chain(
                        row ->
                                row == null
                                        ? Uni.createFrom().voidItem()
                                        : once(row, by)
                                                .chain(
                                                        outcome -> {
                                                            outcomes.add(outcome);
                                                            return outcome.error() != null
                                                                    ? Uni.createFrom().voidItem()
                                                                    : replayFrom(
                                                                            consumer, subject, by,
                                                                            outcomes);
                                                        }));
    }

    /** Discards a record that must never be applied; the records behind it may then be replayed. */
    public Uni<ParkedEvent> discard(long id, String by) {
        return waitingRecord(id)
                .chain(row -> parked.resolve(id, "DISCARDED", by))
                .invoke(count::refresh)
                .chain(() -> parked.find(id));
    }

    private Uni<ParkedEvent> waitingRecord(long id) {
        return parked.find(id)
                .invoke(
                        row -> {
                            if (row == null) {
                                throw Problem.notFound(
                                        "PARKED_EVENT_NOT_FOUND", "id", "no parked event " + id);
                            }
                            if (row.resolvedAt() != null) {
                                throw Problem.conflict(
                                        "ALREADY_RESOLVED",
                                        "id",
                                        "parked event "
                                                + id
                                                + " was "
                                                + row.resolution().toLowerCase()
                                                + " by "
                                                + row.resolvedBy()
                                                + " at "
                                                + row.resolvedAt());
                            }
                        });
    }

    /**
     * One attempt through the record's consumer; the record is resolved, or keeps waiting with the
     * new error.
     */
    private Uni<Outcome> once(ParkedEvent row, String by) {
        var consumer = consumerOf(row);
        return Uni.createFrom()
                .deferred(() -> apply(consumer, row))
                .chain(() -> parked.resolve(row.id(), "REPLAYED", by))
                .replaceWith(
                        new Outcome(
                                row.id(),
                                row.consumer(),
                                row.eventId(),
                                row.type(),
                                "REPLAYED",
                                null))
                .onFailure()
                .recoverWithUni(
                        failure ->
                                parked.failedAgain(row.id(), failure.toString())
                                        .replaceWith(
                                                new Outcome(
                                                        row.id(),
                                                        row.consumer(),
                                                        row.eventId(),
                                                        row.type(),
                                                        "STILL_FAILING",
                                                        whatWentWrong(failure))))
                .invoke(count::refresh);
    }

    /**
     * The failure as an answer says it: its message, never its class (the parked record keeps the
     * whole of it for the operator).
     */
    private static String whatWentWrong(Throwable failure) {
        return failure.getMessage() != null
                ? failure.getMessage()
                : "the consumer failed without saying why (the parked record keeps the error)";
    }

    private ParkingConsumer consumerOf(ParkedEvent row) {
        return consumers.stream()
                .filter(c -> c.subscription().name().equals(row.consumer()))
                .findFirst()
                .orElseThrow(
                        () ->
                                Problem.conflict(
                                        "NO_SUCH_CONSUMER",
                                        "id",
                                        "this service has no consumer "
                                                + row.consumer()
                                                + " to replay parked event "
                                                + row.id()
                                                + " through"));
    }

    private Uni<Void> apply(ParkingConsumer consumer, ParkedEvent row) {
        var event = parking.read(row.payload());
        if (event == null) {
            return Uni.createFrom()
                    .failure(
                            new UnusableEvent(
                                    "still not a CloudEvent with an id, a type and a subject"));
        }
        return switch (consumer.subscription().verdict(event.type())) {
            case IGNORE -> Uni.createFrom().voidItem();
            case UNDECLARED ->
                    Uni.createFrom()
                            .failure(
                                    new UnusableEvent(
                                            row.consumer()
                                                    + " still neither handles nor ignores the type "
                                                    + event.type()));
            case HANDLE -> consumer.applyParked(event);
        };
    }
}
