package cn.gridgov.cases.workflow;

import static cn.gridgov.cases.casefile.CaseStatus.ACCEPTED;
import static cn.gridgov.cases.casefile.CaseStatus.CLOSED;
import static cn.gridgov.cases.casefile.CaseStatus.EVALUATED;
import static cn.gridgov.cases.casefile.CaseStatus.HANDLING;
import static cn.gridgov.cases.casefile.CaseStatus.MERGED;
import static cn.gridgov.cases.casefile.CaseStatus.REJECTED;
import static cn.gridgov.cases.casefile.CaseStatus.RESULT_SUBMITTED;
import static cn.gridgov.cases.casefile.CaseStatus.VERIFIED;
import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.HandlerKind;
import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.StepClock;
import cn.gridgov.cases.casefile.SubjectType;
import cn.gridgov.cases.casefile.UnsupportedTransition;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.catalogue.TimeLimit;
import cn.gridgov.cases.timeline.Timeline;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CasePolicy.Command;
import cn.gridgov.cases.workflow.CasePolicy.Who;
import cn.gridgov.contracts.CaseTypes;
import cn.gridgov.contracts.cases.CaseEvaluated;
import cn.gridgov.contracts.cases.CaseMerged;
import cn.gridgov.contracts.cases.CaseParked;
import cn.gridgov.contracts.cases.CaseRework;
import cn.gridgov.contracts.cases.ExtensionApproved;
import cn.gridgov.kit.batch.Batcher;
import cn.gridgov.kit.ids.CaseRef;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.kit.vertx.VertxContexts;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The commands people give on a case, step by step. Each loads the case, asks {@link CasePolicy}
 * who the signed-in caller acts as (or refuses them), checks the step, and makes the change through
 * {@link CaseChanges}. A command resent with the same command id is recognised and answered with
 * the case as it is.
 */
@ApplicationScoped
public class CaseCommands {

    @ApplicationScoped
    public static class ApprovalRequests implements PanacheRepositoryBase<ApprovalRequest, UUID> {}

    private final CaseRepository cases;
    private final CaseChanges changes;
    private final Timeline timeline;
    private final ReporterDirectory reporters;
    private final ApprovalRequests approvals;
    private final Catalogue catalogue;
    private final CasePolicy policy;
    private static final int MAX_PARKING_DAYS = 366;

    private final Clock clock;
    private final Vertx vertx;
    private final Batcher<Pending, Outcome> batcher;

    public CaseCommands(
            CaseRepository cases,
            CaseChanges changes,
            Timeline timeline,
            ReporterDirectory reporters,
            ApprovalRequests approvals,
            Catalogue catalogue,
            CasePolicy policy,
            Clock clock,
            Vertx vertx,
            @ConfigProperty(name = "gridgov.commands.batch.max-size") int maxBatch,
            @ConfigProperty(name = "gridgov.commands.batch.max-in-flight") int maxInFlight) {
        this.policy = policy;
        this.cases = cases;
        this.changes = changes;
        this.timeline = timeline;
        this.reporters = reporters;
        this.approvals = approvals;
        this.catalogue = catalogue;
        this.clock = clock;
        this.vertx = vertx;
        this.batcher = new Batcher<>(maxBatch, maxInFlight, this::applyTogether);
    }

    /** Step 2, 信息核实: the grid worker on site confirms the problem is real. */
    public Uni<Case> verify(String ref, Who who, Details given) {
        return command(
                ref,
                who,
                given,
                Command.VERIFY,
                (c, details) ->
                        changes.transition(
                                c, VERIFIED, Change.of("VERIFIED", CaseTypes.VERIFIED), details));
    }

    /** 作废: not real, not ours to handle, or not a problem at all. */
    public Uni<Case> reject(String ref, Who who, Details given) {
        requireNote(given, "a rejection needs a reason");
        return command(
                ref,
                who,
                given,
                Command.REJECT,
                (c, details) ->
                        changes.transition(
                                c,
                                REJECTED,
                                Change.of("REJECTED", CaseTypes.REJECTED)
                                        .tellingReporters("您反映的问题经核实不予立案：" + details.note()),
                                details));
    }

    /** 并案: the case repeats an open one; its reporters join that case, which answers for both. */
    public Uni<Case> merge(String ref, String intoRef, Who who, Details given) {
        return command(
                ref,
                who,
                given,
                Command.MERGE,
                (c, details) ->
                        cases.byRef("intoCase", intoRef)
                                .chain(target -> mergeInto(c, target, details)));
    }

    /**
     * Folds the case into its target, in the caller's transaction: the merge command, and a closed
     * case reopened by a new report of its problem ({@link Reopenings}).
     */
    public Uni<Case> mergeInto(Case c, Case target, Details details) {
        if (target.id.equals(c.id)) {
            throw new Problem(
                    INVALID,
                    "MERGE_INTO_ITSELF",
                    "intoCase",
                    "a case cannot be merged into itself");
        }
        if (!target.status.takesDuplicates()) {
            throw new Problem(
                    CONFLICT,
                    "MERGE_TARGET_NOT_OPEN",
                    "intoCase",
                    "case "
                            + target.number
                            + " is "
                            + target.status
                            + "; merge only into an open case being worked on");
        }
        c.mergedInto = target.id;
        // Reporters hear of the merge first, then follow their report to the case it joined.
        return changes.transition(
                        c,
                        MERGED,
                        Change.of(
                                        "MERGED",
                                        CaseTypes.MERGED,
                                        s -> new CaseMerged(s, target.id, target.number))
                                .tellingReporters("您反映的问题已并入案件 " + target.number + " 一并办理"),
                        details)
                .call(() -> reporters.moveAll(c.id, target.id))
                .call(
                        () ->
                                changes.note(
                                        target,
                                        Change.of("DUPLICATE_JOINED", null),
                                        Details.of(
                                                details.actor(),
                                                "case " + c.number + " merged into this case")));
    }

    /**
     * Step 3, 确认受理: the duty chief registers the case (立案); its urgency sets the clocks from here
     * on.
     */
    public Uni<Case> accept(
            String ref, Urgency urgency, SubjectType subjectType, Who who, Details given) {
        return command(
                ref,
                who,
                given,
                Command.ACCEPT,
                (c, details) -> {
                    // A closed case goes back to ACCEPTED only when its problem is reported again
                    // (Reopenings), never by a duty chief's acceptance of the finished case.
                    if (!c.status.isOpen()) {
                        throw new UnsupportedTransition(c, ACCEPTED, "accept");
                    }
                    if (urgency != null) {
                        c.urgency = urgency;
                    }
                    if (subjectType != null) {
                        c.subjectType = subjectType;
                    }
                    c.acceptedAt = clock.instant();
                    return changes.transition(
                            c,
                            ACCEPTED,
                            Change.of("ACCEPTED", CaseTypes.ACCEPTED)
                                    .tellingReporters("您反映的问题已受理，案件编号 " + c.number),
                            details);
                });
    }

    /**
     * Step 6, 结果反馈: the handler (the lead department, or the grid chief for a case handled in its
     * grid) reports the result.
     */
    public Uni<Case> submitResult(String ref, Who who, Details given) {
        requireNote(given, "a result needs a description of what was done");
        return command(
                ref,
                who,
                given,
                Command.SUBMIT_RESULT,
                (c, details) ->
                        changes.transition(
                                c,
                                RESULT_SUBMITTED,
                                Change.of("RESULT_SUBMITTED", CaseTypes.RESULT_SUBMITTED),
                                details));
    }

    /**
     * Step 7, 核查结案: checked on site; passing closes the case, failing sends it back to work (返工).
     */
    public Uni<Case> check(String ref, boolean passed, Who who, Details given) {
        if (!passed) {
            requireNote(given, "a failed check needs the reason for rework");
        }
        return command(
                ref,
                who,
                given,
                Command.CHECK,
                (c, details) -> {
                    if (passed) {
                        c.closedAt = clock.instant();
                        return changes.transition(
                                c,
                                CLOSED,
                                Change.of("CLOSED", CaseTypes.CLOSED)
                                        .tellingReporters("您反映的问题已办结，请对处理结果进行评价"),
                                details);
                    }
                    c.reworkCount++;
                    int reworkCount = c.reworkCount;
                    return changes.transition(
                            c,
                            HANDLING,
                            Change.of(
                                    "REWORK",
                                    CaseTypes.REWORK,
                                    s -> new CaseRework(s, reworkCount)),
                            details);
                });
    }

    /** 延时 or 挂账: asked for by the handler, decided by a supervisor. */
    public Uni<ApprovalRequest> requestApproval(
            String ref,
            ApprovalRequest.Kind kind,
            Double hours,
            LocalDate reviewOn,
            Who who,
            Details given) {
        requireNote(given, "a request needs a reason");
        switch (kind) {
            case EXTENSION -> {
                if (hours == null || !(hours > 0) || hours > 2000) {
                    throw new Problem(
                            INVALID,
                            "EXTENSION_HOURS",
                            "hours",
                            "an extension needs between 0 and 2000 working hours");
                }
            }
            case PARKING -> {
                var today = LocalDate.now(clock.withZone(catalogue.calendar().zone()));
                if (reviewOn == null
                        || !reviewOn.isAfter(today)
                        || reviewOn.isAfter(today.plusDays(MAX_PARKING_DAYS))) {
                    throw new Problem(
                            INVALID,
                            "REVIEW_DATE",
                            "reviewOn",
                            "parking needs the day the case comes back for "
                                    + "review (yyyy-MM-dd), after today and within "
                                    + MAX_PARKING_DAYS
                                    + " days");
                }
            }
        }
        return changes.inTransaction(
                () ->
                        cases.byRef(ref)
                                .chain(
                                        c -> {
                                            var details =
                                                    given.by(
                                                            policy.actorFor(
                                                                    Command.REQUEST_APPROVAL,
                                                                    who,
                                                                    c));
                                            requireStatus(c, kind);
                                            var request = new ApprovalRequest();
                                            request.id = UUID.randomUUID();
                                            request.caseId = c.id;
                                            request.kind = kind;
                                            request.hours =
                                                    hours == null
                                                                    || kind
                                                                            != ApprovalRequest.Kind
                                                                                    .EXTENSION
                                                            ? null
                                                            : BigDecimal.valueOf(hours);
                                            request.reviewOn =
                                                    kind == ApprovalRequest.Kind.PARKING
                                                            ? reviewOn
                                                            : null;
                                            request.reason = details.note();
                                            request.requestedBy = details.actor().staffId();
                                            request.requestedAt = clock.instant();
                                            return approvals
                                                    .find("caseId = ?1 and decision is null", c.id)
                                                    .firstResult()
                                                    .chain(
                                                            pending -> {
                                                                if (pending != null) {
                                                                    throw new Problem(
                                                                            CONFLICT,
                                                                            "REQUEST_PENDING",
                                                                            null,
                                                                            "case "
                                                                                    + c.number
                                                                                    + " already has a "
                                                                                    + pending.kind
                                                                                    + " request waiting for a decision");
                                                                }
                                                                return approvals
                                                                        .persist(request)
                                                                        .call(
                                                                                () ->
                                                                                        changes
                                                                                                .note(
                                                                                                        c,
                                                                                                        Change
                                                                                                                .of(
                                                                                                                        kind
                                                                                                                                + "_REQUESTED",
                                                                                                                        null),
                                                                                                        details));
                                                            });
                                        }));
    }

    /**
     * A supervisor decides: an approved extension moves the deadline; an approved parking parks the
     * case.
     */
    public Uni<Case> decide(String ref, UUID requestId, boolean approved, Who who, Details given) {
        return changes.inTransaction(
                () ->
                        cases.byRef(ref)
                                .chain(
                                        c -> {
                                            var details =
                                                    given.by(
                                                            policy.actorFor(
                                                                    Command.DECIDE_APPROVAL,
                                                                    who,
                                                                    c));
                                            return approvals
                                                    .findById(requestId)
                                                    .chain(
                                                            request -> {
                                                                if (request == null
                                                                        || !request.caseId.equals(
                                                                                c.id)) {
                                                                    throw new Problem(
                                                                            NOT_FOUND,
                                                                            "REQUEST_NOT_FOUND",
                                                                            "requestId",
                                                                            "case "
                                                                                    + c.number
                                                                                    + " has no request "
                                                                                    + requestId);
                                                                }
                                                                if (request.decision != null) {
                                                                    throw new Problem(
                                                                            CONFLICT,
                                                                            "REQUEST_DECIDED",
                                                                            "requestId",
                                                                            "request "
                                                                                    + requestId
                                                                                    + " was already "
                                                                                    + request.decision);
                                                                }
                                                                if (approved) {
                                                                    requireStatus(c, request.kind);
                                                                }
                                                                request.decision =
                                                                        approved
                                                                                ? ApprovalRequest
                                                                                        .Decision
                                                                                        .APPROVED
                                                                                : ApprovalRequest
                                                                                        .Decision
                                                                                        .REFUSED;
                                                                request.decidedBy =
                                                                        details.actor().staffId();
                                                                request.decidedAt = clock.instant();
                                                                if (!approved) {
                                                                    return changes.note(
                                                                            c,
                                                                            Change.of(
                                                                                    request.kind
                                                                                            + "_REFUSED",
                                                                                    null),
                                                                            details);
                                                                }
                                                                return switch (request.kind) {
                                                                    case EXTENSION ->
                                                                            extend(
                                                                                    c, request,
                                                                                    details);
                                                                    case PARKING ->
                                                                            park(
                                                                                    c, request,
                                                                                    details);
                                                                };
                                                            });
                                        }));
    }

    private static void requireStatus(Case c, ApprovalRequest.Kind kind) {
        if (c.status != kind.askedIn()) {
            throw new Problem(
                    CONFLICT,
                    "WRONG_STEP",
                    "status",
                    "case "
                            + c.number
                            + " is "
                            + c.status
                            + "; "
                            + kind
                            + " is for a case that is "
                            + kind.askedIn());
        }
    }

    /**
     * The deadline moves by the approved working hours. Yellow again at 80% of the whole time now
     * allowed from the step's start (every extension included), counted the way the step's limit is
     * counted: in working time for a working-time limit, so a warning does not fall on a Sunday
     * night.
     */
    private Uni<Case> extend(Case c, ApprovalRequest request, Details details) {
        var calendar = catalogue.calendar();
        var due = calendar.deadline(c.stepDueAt, new TimeLimit(request.hours.doubleValue(), true));
        var inWorkingTime = catalogue.limit(c.category, c.urgency, c.step).workingTime();
        var allowed =
                inWorkingTime
                        ? calendar.workingTimeBetween(c.stepStartedAt, due)
                        : Duration.between(c.stepStartedAt, due);
        var warn =
                calendar.deadline(
                        c.stepStartedAt,
                        new TimeLimit(allowed.toMillis() / 3_600_000.0 * 0.8, inWorkingTime));
        c.extendStep(new StepClock(c.step, clock.instant(), warn, due));
        var hours = request.hours;
        return changes.note(
                c,
                Change.of(
                        "EXTENSION_APPROVED",
                        CaseTypes.EXTENSION_APPROVED,
                        s -> new ExtensionApproved(s, hours)),
                details);
    }

    /**
     * The case waits until the morning of its review day; it turns yellow at 80% of the wait and
     * red on the day.
     */
    private Uni<Case> park(Case c, ApprovalRequest request, Details details) {
        var now = clock.instant();
        var review = request.reviewOn.atStartOfDay(catalogue.calendar().zone()).toInstant();
        if (!review.isAfter(now)) {
            throw new Problem(
                    CONFLICT,
                    "REVIEW_DATE_PASSED",
                    "requestId",
                    "request "
                            + request.id
                            + " asked to park the case until "
                            + request.reviewOn
                            + ", which has come; refuse it and ask again with a later day");
        }
        var warn = now.plus(Duration.between(now, review).multipliedBy(4).dividedBy(5));
        var reviewOn = request.reviewOn;
        return changes.transition(
                c,
                request.kind.target(),
                new StepClock(Step.REVIEW, now, warn, review),
                Change.of(
                        "PARKED", CaseTypes.PARKED, snapshot -> new CaseParked(snapshot, reviewOn)),
                details);
    }

    /**
     * 催办 by a person (the clock urges by itself through dispatch-service): the command center, a
     * supervisor or a leader urges whoever holds the open case now; the urge is on the case's
     * timeline with who gave it, and counts in its record of supervision.
     */
    public Uni<Case> urge(String ref, Who who, Details given) {
        requireNote(given, "an urge needs a word for the handler");
        return command(
                ref,
                who,
                given,
                Command.URGE,
                (c, details) -> {
                    if (!c.status.isOpen()) {
                        throw new Problem(
                                CONFLICT,
                                "WRONG_STEP",
                                "status",
                                "case "
                                        + c.number
                                        + " is "
                                        + c.status
                                        + "; only an open case can be urged");
                    }
                    return changes.note(c, Change.of("URGED", null), details);
                });
    }

    public Uni<Case> resume(String ref, Who who, Details given) {
        return command(
                ref,
                who,
                given,
                Command.RESUME,
                (c, details) ->
                        changes.transition(
                                c, HANDLING, Change.of("RESUMED", CaseTypes.HANDLING), details));
    }

    /** Step 8, 考核评价: the reporter's satisfaction, and the case's own record, scored once. */
    public Uni<Case> evaluate(String ref, int satisfaction, Who who, Details given) {
        if (satisfaction < 1 || satisfaction > 5) {
            throw new Problem(
                    INVALID,
                    "SATISFACTION_RANGE",
                    "satisfaction",
                    "satisfaction is 1 (very unhappy) to 5 (very satisfied)");
        }
        return command(
                ref,
                who,
                given,
                Command.EVALUATE,
                (c, details) -> {
                    c.satisfaction = satisfaction;
                    // Counted up to the close: how long the reporter takes to answer is not the
                    // handler's delay.
                    boolean onTime = c.overdueSteps == 0;
                    int reworkCount = c.reworkCount;
                    int sendBackCount = c.sendBackCount;
                    boolean solvedInGrid = c.handlerKind == HandlerKind.GRID;
                    return changes.transition(
                            c,
                            EVALUATED,
                            Change.of(
                                    "EVALUATED",
                                    CaseTypes.EVALUATED,
                                    s ->
                                            new CaseEvaluated(
                                                    s,
                                                    satisfaction,
                                                    onTime,
                                                    reworkCount,
                                                    sendBackCount,
                                                    solvedInGrid)),
                            details);
                });
    }

    /** A command waiting for its batch: the case it names, who gives it and the change it makes. */
    private record Pending(
            String ref,
            Who who,
            Details given,
            Command command,
            BiFunction<Case, Details, Uni<Case>> change) {}

    /** What became of one command of a batch: the case as it now is, or why it was refused. */
    private record Outcome(Case changed, Throwable failure) {}

    /**
     * Commands arriving together are applied together ({@link Batcher}): the cases they name read
     * at once, every change in one transaction and one commit, and the relay woken once. A command
     * that finds no batch in flight goes at once, alone.
     */
    private Uni<Case> command(
            String ref,
            Who who,
            Details given,
            Command command,
            BiFunction<Case, Details, Uni<Case>> change) {
        return batcher.submit(new Pending(ref, who, given, command, change))
                .map(
                        outcome -> {
                            if (outcome.failure() != null) {
                                throw outcome.failure() instanceof RuntimeException refused
                                        ? refused
                                        : new IllegalStateException(outcome.failure());
                            }
                            return outcome.changed();
                        });
    }

    /**
     * A batch in one transaction, command after command in the order they came (a later command on
     * the same case sees the earlier one's change). If any of them fails, nothing of the batch is
     * kept and each command runs again alone, so a refusal or a lost race answers its own caller
     * only.
     */
    private Uni<List<Outcome>> applyTogether(List<Pending> batch) {
        if (batch.size() == 1) {
            return alone(batch.get(0));
        }
        return VertxContexts.onNewContext(
                        vertx,
                        () ->
                                changes.inTransaction(
                                        () -> readCases(batch).chain(() -> inOrder(batch))))
                .onFailure()
                .recoverWithUni(failure -> oneByOne(batch));
    }

    /** The batch's commands one after the other, in the caller's transaction. */
    private Uni<List<Outcome>> inOrder(List<Pending> batch) {
        Uni<List<Outcome>> chain = Uni.createFrom().item(new ArrayList<>());
        for (var pending : batch) {
            chain =
                    chain.call(
                            outcomes ->
                                    apply(pending).invoke(c -> outcomes.add(new Outcome(c, null))));
        }
        return chain;
    }

    /** Each command of a failed batch in a transaction of its own, in their order. */
    private Uni<List<Outcome>> oneByOne(List<Pending> batch) {
        Uni<List<Outcome>> chain = Uni.createFrom().item(new ArrayList<>());
        for (var pending : batch) {
            chain = chain.call(outcomes -> alone(pending).invoke(outcomes::addAll));
        }
        return chain;
    }

    private Uni<List<Outcome>> alone(Pending pending) {
        return VertxContexts.onNewContext(vertx, () -> changes.inTransaction(() -> apply(pending)))
                .onItemOrFailure()
                .transform((c, failure) -> List.of(new Outcome(c, failure)));
    }

    /**
     * The cases the batch names by id, in one read; the commands then find them in the session
     * (those named by number are read as they come).
     */
    private Uni<Void> readCases(List<Pending> batch) {
        var ids =
                batch.stream()
                        .map(p -> CaseRef.parse("case", p.ref()))
                        .filter(CaseRef::isId)
                        .map(CaseRef::id)
                        .distinct()
                        .toArray();
        return ids.length == 0
                ? Uni.createFrom().voidItem()
                : Panache.getSession()
                        .chain(session -> session.find(Case.class, ids))
                        .replaceWithVoid();
    }

    /**
     * Loads the case and asks the policy who the caller acts as, before anything else: a refused
     * command writes nothing. A command already applied (same command id) answers with the case as
     * it is. In the caller's transaction.
     */
    private Uni<Case> apply(Pending pending) {
        return cases.byRef(pending.ref())
                .chain(
                        c -> {
                            var details =
                                    pending.given()
                                            .by(
                                                    policy.actorFor(
                                                            pending.command(), pending.who(), c));
                            return timeline.applied(c.id, details.commandId())
                                    .chain(
                                            applied ->
                                                    applied
                                                            ? Uni.createFrom().item(c)
                                                            : pending.change().apply(c, details));
                        });
    }

    private static void requireNote(Details details, String message) {
        if (details.note() == null || details.note().isBlank()) {
            throw new Problem(INVALID, "NOTE_REQUIRED", "note", message);
        }
    }
}
