package cn.gridgov.kit.parking;

import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.parking.ParkedEvent.Reason;
import cn.gridgov.kit.retry.Retry;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * How every consumer takes its records, so that a bad record blocks its subject (its case), never
 * the consumer:
 *
 * <ol>
 *   <li>a record that is not a CloudEvent, or of a type its {@link Subscription} does not declare,
 *       is parked at once; a type the consumer knowingly ignores is passed over;
 *   <li>a record whose subject already has a parked record waits behind it (parked too, {@code
 *       BEHIND}), so one case's events are applied in their order or not at all;
 *   <li>the others are applied; a failure is tried again with back-off, and after {@code
 *       gridgov.parking.attempts} failures (or at once, for an {@link UnusableEvent}) the record is
 *       parked. A database outage is no record's fault: it is retried for as long as it lasts and
 *       the partition waits, as it always did ({@link Outage}).
 * </ol>
 *
 * A batch that fails is applied again one record at a time, so only the bad record and its
 * subject's later ones are parked. Parking writes {@code parked_event} and the dead-letter copy
 * ({@link ParkedEvents}); an operator replays after a fix ({@link Replays}).
 */
@ApplicationScoped
public class Parking {

    private static final Logger LOG = Logger.getLogger(Parking.class);

    private final ObjectMapper json;
    private final ParkedEvents parked;
    private final ParkedCount count;
    private final OutboxRelay relay;
    private final int attempts;
    private final Duration firstBackOff;
    private final Duration maxBackOff;

    public Parking(
            ObjectMapper json,
            ParkedEvents parked,
            ParkedCount count,
            OutboxRelay relay,
            @ConfigProperty(name = "gridgov.parking.attempts") int attempts,
            @ConfigProperty(name = "gridgov.parking.first-back-off") Duration firstBackOff,
            @ConfigProperty(name = "gridgov.parking.max-back-off") Duration maxBackOff) {
        if (attempts < 1) {
            throw new IllegalArgumentException(
                    "gridgov.parking.attempts must be at least 1, not " + attempts);
        }
        this.json = json;
        this.parked = parked;
        this.count = count;
        this.relay = relay;
        this.attempts = attempts;
        this.firstBackOff = firstBackOff;
        this.maxBackOff = maxBackOff;
    }

    /** One record, applied with {@code apply} unless it is parked. */
    public Uni<Void> receive(
            Subscription subscription, String payload, Function<CloudEvent, Uni<Void>> apply) {
        return receiveAll(subscription, List.of(payload), events -> apply.apply(events.get(0)));
    }

    /**
     * A batch of records: those to apply are given to {@code applyAll} together, in order; if that
     * fails for good, each is given alone and only those that fail are parked.
     */
    public Uni<Void> receiveAll(
            Subscription subscription,
            List<String> payloads,
            Function<List<CloudEvent>, Uni<Void>> applyAll) {
        var originals = new IdentityHashMap<CloudEvent, String>();
        return admit(subscription, payloads, originals)
                .chain(
                        admitted -> {
                            if (admitted.isEmpty()) {
                                return Uni.createFrom().voidItem();
                            }
                            return attempt(
                                            () -> applyAll.apply(admitted),
                                            () ->
                                                    "applying "
                                                            + describe(admitted)
                                                            + " from "
                                                            + subscription.topic())
                                    .chain(
                                            failure -> {
                                                if (failure == null) {
                                                    return Uni.createFrom().voidItem();
                                                }
                                                if (admitted.size() == 1) {
                                                    return park(
                                                            List.of(
                                                                    failed(
                                                                            subscription,
                                                                            admitted.get(0),
                                                                            originals,
                                                                            failure)));
                                                }
                                                LOG.warnf(
                                                        "a batch of %d records from %s failed; applying them one at a time",
                                                        admitted.size(), subscription.topic());
                                                return oneByOne(
                                                        subscription,
                                                        admitted,
                                                        originals,
                                                        event -> applyAll.apply(List.of(event)));
                                            });
                        });
    }

    /**
     * Sorts records in order: parks the unreadable, the undeclared and those behind a parked record
     * of their subject, passes over the ignored, and answers the events to apply.
     */
    private Uni<List<CloudEvent>> admit(
            Subscription subscription, List<String> payloads, Map<CloudEvent, String> originals) {
        var events = new ArrayList<CloudEvent>(payloads.size());
        for (var payload : payloads) {
            var event = read(payload);
            events.add(event);
            if (event != null) {
                originals.put(event, payload);
            }
        }
        var subjects = new HashSet<String>();
        if (subscription.perSubjectOrder()) {
            events.stream().filter(e -> e != null).forEach(e -> subjects.add(e.subject()));
        }
        return Retry.untilDone(
                        parked.waitingSubjects(subscription.name(), subjects),
                        () -> "reading the parked subjects of " + subscription.name())
                .chain(
                        waiting -> {
                            var admitted = new ArrayList<CloudEvent>();
                            var toPark = new ArrayList<ParkedEvents.ToPark>();
                            for (int i = 0; i < payloads.size(); i++) {
                                var event = events.get(i);
                                if (event == null && subscription.selective()) {
                                    continue; // the topic's main consumer parks it
                                }
                                if (event == null) {
                                    toPark.add(
                                            new ParkedEvents.ToPark(
                                                    subscription,
                                                    null,
                                                    null,
                                                    null,
                                                    payloads.get(i) == null ? "" : payloads.get(i),
                                                    Reason.UNREADABLE,
                                                    "not a CloudEvent with an id, a type and a subject",
                                                    0));
                                    continue;
                                }
                                var verdict = subscription.verdict(event.type());
                                if (verdict == Subscription.Verdict.IGNORE) {
                                    continue;
                                }
                                if (waiting.contains(event.subject())) {
                                    toPark.add(
                                            parkable(
                                                    subscription,
                                                    event,
                                                    originals,
                                                    Reason.BEHIND,
                                                    "waits behind an earlier parked event of "
                                                            + event.subject(),
                                                    0));
                                } else if (verdict == Subscription.Verdict.UNDECLARED) {
                                    toPark.add(
                                            parkable(
                                                    subscription,
                                                    event,
                                                    originals,
                                                    Reason.UNDECLARED_TYPE,
                                                    subscription.name()
                                                            + " neither handles nor ignores the type "
                                                            + event.type(),
                                                    0));
                                    if (subscription.perSubjectOrder()) {
                                        waiting.add(event.subject());
                                    }
                                } else {
                                    admitted.add(event);
                                }
                            }
                            return park(toPark).replaceWith(admitted);
                        });
    }

    /**
     * Each event alone; one that fails is parked, and its subject's later events in the batch wait
     * behind it.
     */
    private Uni<Void> oneByOne(
            Subscription subscription,
            List<CloudEvent> events,
            Map<CloudEvent, String> originals,
            Function<CloudEvent, Uni<Void>> apply) {
        Set<String> parkedNow = new HashSet<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var event : events) {
            chain =
                    chain.chain(
                            () -> {
                                if (subscription.perSubjectOrder()
                                        && parkedNow.contains(event.subject())) {
                                    return park(
                                            List.of(
                                                    parkable(
                                                            subscription,
                                                            event,
                                                            originals,
                                                            Reason.BEHIND,
                                                            "waits behind an earlier parked event of "
                                                                    + event.subject(),
                                                            0)));
                                }
                                return attempt(
                                                () -> apply.apply(event),
                                                () ->
                                                        "applying "
                                                                + describe(List.of(event))
                                                                + " alone")
                                        .chain(
                                                failure -> {
                                                    if (failure == null) {
                                                        return Uni.createFrom().voidItem();
                                                    }
                                                    parkedNow.add(event.subject());
                                                    return park(
                                                            List.of(
                                                                    failed(
                                                                            subscription,
                                                                            event,
                                                                            originals,
                                                                            failure)));
                                                });
                            });
        }
        return chain;
    }

    /**
     * Runs the work until it succeeds (answers null) or has failed for good (answers the failure):
     * after the configured attempts, or at once for an {@link UnusableEvent}. Outages do not count.
     */
    Uni<Throwable> attempt(Supplier<Uni<Void>> work, Supplier<String> what) {
        var failures = new AtomicInteger();
        return Uni.createFrom()
                .<Void>deferred(work::get)
                .onItem()
                .transform(done -> (Throwable) null)
                .onFailure()
                .invoke(failure -> LOG.warnf("%s failed: %s", what.get(), failure.toString()))
                .onFailure(
                        failure ->
                                Outage.is(failure)
                                        || (!(failure instanceof UnusableEvent)
                                                && failures.incrementAndGet() < attempts))
                .retry()
                .withBackOff(firstBackOff, maxBackOff)
                .indefinitely()
                .onFailure()
                .recoverWithItem(failure -> failure);
    }

    /**
     * Parks for good: a database outage while parking is waited out, never a reason to drop a
     * record.
     */
    private Uni<Void> park(List<ParkedEvents.ToPark> records) {
        if (records.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Retry.untilDone(parked.park(records), () -> "parking " + records.size() + " records")
                .invoke(
                        () -> {
                            records.forEach(
                                    r ->
                                            LOG.errorf(
                                                    "parked %s %s of %s on %s (%s): %s",
                                                    r.type(),
                                                    r.eventId(),
                                                    r.subject(),
                                                    r.subscription().name(),
                                                    r.reason(),
                                                    r.error()));
                            relay.nudge();
                            count.refresh();
                        });
    }

    private ParkedEvents.ToPark failed(
            Subscription subscription,
            CloudEvent event,
            Map<CloudEvent, String> originals,
            Throwable failure) {
        int tries = failure instanceof UnusableEvent ? 1 : attempts;
        return parkable(subscription, event, originals, Reason.FAILED, failure.toString(), tries);
    }

    /** The record as it came (its original text goes to the table and the dead-letter topic). */
    private static ParkedEvents.ToPark parkable(
            Subscription subscription,
            CloudEvent event,
            Map<CloudEvent, String> originals,
            Reason reason,
            String error,
            int tries) {
        return new ParkedEvents.ToPark(
                subscription,
                event.subject(),
                event.id(),
                event.type(),
                originals.get(event),
                reason,
                error,
                tries);
    }

    /**
     * The record read as a CloudEvent, or null if it is none (or lacks an id, a type or a subject).
     */
    CloudEvent read(String payload) {
        if (payload == null) {
            return null;
        }
        try {
            var event = json.readValue(payload, CloudEvent.class);
            return event.isComplete() ? event : null;
        } catch (Exception unreadable) {
            return null;
        }
    }

    private static String describe(List<CloudEvent> events) {
        return events.size() == 1
                ? events.get(0).type() + " " + events.get(0).id()
                : events.size() + " events";
    }
}
