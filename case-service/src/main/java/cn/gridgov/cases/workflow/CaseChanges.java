package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.StepClock;
import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.timeline.TimelineEntry;
import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.function.Function;

/**
 * How any change to a case is made: the status moves (or not), the timeline records it, the event
 * goes into the outbox, and reporters hear of what concerns them. All of it in the caller's
 * transaction, so a change is recorded and announced whole or not at all.
 */
@ApplicationScoped
public class CaseChanges {

    /**
     * What a change is: its timeline action, its event type (null for none) and how its data record
     * is made from the case snapshot, and a word for the reporter if they should hear of it.
     */
    public record Change<D>(
            String action,
            EventType<D> eventType,
            Function<CaseSnapshot, D> data,
            String reporterMessage) {

        /** A change whose event (if any) carries the snapshot alone. */
        public static Change<CaseSnapshot> of(String action, EventType<CaseSnapshot> eventType) {
            return new Change<>(action, eventType, Function.identity(), null);
        }

        /** A change whose event adds fields of its own to the snapshot. */
        public static <D> Change<D> of(
                String action, EventType<D> eventType, Function<CaseSnapshot, D> data) {
            return new Change<>(action, eventType, data, null);
        }

        public Change<D> tellingReporters(String message) {
            return new Change<>(action, eventType, data, message);
        }
    }

    /** The details of one command: who, why, evidence, and the client's id for it. */
    public record Details(Actor actor, String note, List<UUID> photoIds, UUID commandId) {
        public static Details of(Actor actor, String note) {
            return new Details(actor, note, List.of(), null);
        }

        /** The same command given by this actor, as the policy decided. */
        public Details by(Actor who) {
            return new Details(who, note, photoIds, commandId);
        }
    }

    private final Catalogue catalogue;
    private final Timeline timeline;
    private final CaseEvents events;
    private final ReporterDirectory reporters;
    private final OutboxRelay relay;
    private final Clock clock;

    public CaseChanges(
            Catalogue catalogue,
            Timeline timeline,
            CaseEvents events,
            ReporterDirectory reporters,
            OutboxRelay relay,
            Clock clock) {
        this.catalogue = catalogue;
        this.timeline = timeline;
        this.events = events;
        this.reporters = reporters;
        this.relay = relay;
        this.clock = clock;
    }

    /**
     * A change made to the case in memory: the timeline entry and the event (if any) it adds, not
     * yet written.
     */
    public record Made(TimelineEntry entry, CloudEvent event) {}

    /** Moves the case to a new status with a fresh clock for the step it enters. */
    public Uni<Case> transition(Case c, CaseStatus to, Change<?> change, Details details) {
        return write(c, moved(c, to, change, details), change);
    }

    /**
     * Moves the case to a status whose step's limit the command sets rather than the catalogue (the
     * review date of a parked case).
     */
    public Uni<Case> transition(
            Case c, CaseStatus to, StepClock clock, Change<?> change, Details details) {
        if (to.step() == null || to.step() != clock.step()) {
            throw new IllegalArgumentException(
                    to + " runs the clock of " + to.step() + ", not " + clock.step());
        }
        var from = c.status;
        c.moveTo(to, change.action(), clock);
        return write(c, made(c, from, change, details), change);
    }

    /**
     * Records something that happened to the case without moving it (urged, whistle blown,
     * extended).
     */
    public Uni<Case> note(Case c, Change<?> change, Details details) {
        c.updatedAt = clock.instant();
        return write(c, made(c, c.status, change, details), change);
    }

    /**
     * Moves the case in memory only, for intake, which writes a new case and all its rows in one
     * statement. A change the reporters must hear of needs {@link #transition}: finding them reads
     * the database.
     */
    public Made move(Case c, CaseStatus to, Change<?> change, Details details) {
        if (change.reporterMessage() != null) {
            throw new IllegalArgumentException(
                    "a change that tells reporters is written by transition(), not move()");
        }
        return moved(c, to, change, details);
    }

    private Made moved(Case c, CaseStatus to, Change<?> change, Details details) {
        var now = clock.instant();
        var from = c.status;
        if (to.step() != null && !to.step().limitedByCatalogue()) {
            throw new IllegalArgumentException(
                    to + " needs the limit of " + to.step() + " from the command");
        }
        c.moveTo(to, change.action(), catalogue.clock(c.category, c.urgency, to.step(), now));
        return made(c, from, change, details);
    }

    private Made made(Case c, CaseStatus from, Change<?> change, Details details) {
        var at = c.updatedAt;
        var entry =
                timeline.next(
                        c,
                        change.action(),
                        from,
                        details.actor(),
                        details.note(),
                        details.photoIds(),
                        details.commandId(),
                        at);
        var event =
                change.eventType() == null ? null : events.event(c, change, details.actor(), at);
        return new Made(entry, event);
    }

    private Uni<Case> write(Case c, Made made, Change<?> change) {
        Uni<Void> written =
                timeline.persist(made.entry())
                        .replaceWithVoid()
                        .chain(
                                () ->
                                        made.event() == null
                                                ? Uni.createFrom().voidItem()
                                                : events.publish(made.event()));
        if (change.reporterMessage() != null) {
            written =
                    written.chain(() -> reporters.reportIdsOf(c.id))
                            .chain(
                                    reportIds ->
                                            events.notifyReporters(
                                                    c,
                                                    reportIds,
                                                    change.reporterMessage(),
                                                    c.updatedAt));
        }
        return written.replaceWith(c);
    }

    /** Runs a change in its own transaction and wakes the relay once it is committed. */
    public <T> Uni<T> inTransaction(java.util.function.Supplier<Uni<T>> work) {
        return Panache.withTransaction(work).invoke(() -> relay.nudge());
    }
}
