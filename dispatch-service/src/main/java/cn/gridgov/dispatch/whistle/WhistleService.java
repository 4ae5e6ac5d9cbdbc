package cn.gridgov.dispatch.whistle;

import static cn.gridgov.kit.problem.Problem.Kind.CONFLICT;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;
import static cn.gridgov.kit.problem.Problem.Kind.UNPROCESSABLE;

import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.ReportedForDuty;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.contracts.dispatch.WhistleClosed;
import cn.gridgov.dispatch.access.Actor;
import cn.gridgov.dispatch.access.CaseSites;
import cn.gridgov.dispatch.access.DispatchPolicy;
import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.messaging.DispatchEvents;
import cn.gridgov.dispatch.routing.RoutingTables;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/** Blows whistles, takes reports for duty, and closes whistles when their case closes. */
@ApplicationScoped
public class WhistleService {

    private static final Logger LOG = Logger.getLogger(WhistleService.class);

    @ApplicationScoped
    public static class Whistles implements PanacheRepositoryBase<Whistle, UUID> {}

    @ApplicationScoped
    public static class SummonsRepository implements PanacheRepositoryBase<Summons, Summons.Key> {}

    public record Blow(
            UUID whistleId,
            WhistleKind kind,
            List<String> departments,
            Integer reportWithinMinutes) {}

    /**
     * Where the reporting person stands; who they are and for which department comes from the
     * policy.
     */
    public record DutyReport(double longitude, double latitude) {}

    /**
     * A whistle with the number of its case (null if the case file is unknown) and each summoned
     * department.
     */
    public record Board(Whistle whistle, String caseNumber, List<Summons> summons) {}

    public record DutyOutcome(
            UUID whistleId,
            String departmentCode,
            boolean arrived,
            double distanceMeters,
            double radiusMeters,
            String message) {}

    private final Whistles whistles;
    private final SummonsRepository summons;
    private final CaseFiles cases;
    private final RoutingTables tables;
    private final DispatchEvents events;
    private final OutboxRelay relay;
    private final WhistleConfig config;
    private final Clock clock;
    private final DispatchPolicy policy;

    public WhistleService(
            Whistles whistles,
            SummonsRepository summons,
            CaseFiles cases,
            RoutingTables tables,
            DispatchEvents events,
            OutboxRelay relay,
            WhistleConfig config,
            Clock clock,
            DispatchPolicy policy) {
        this.policy = policy;
        this.whistles = whistles;
        this.summons = summons;
        this.cases = cases;
        this.tables = tables;
        this.events = events;
        this.relay = relay;
        this.config = config;
        this.clock = clock;
    }

    /**
     * Blows a whistle, as whoever the policy allows on this case (see {@link
     * DispatchPolicy#whistleBlower}); sending the same whistle id again answers with the whistle
     * already blown.
     */
    public Uni<Board> blow(
            UUID caseId, Blow blow, DispatchPolicy.Person person, CaseSites.CaseSite site) {
        var whistleId = blow.whistleId() != null ? blow.whistleId() : UUID.randomUUID();
        return Panache.withTransaction(
                        () ->
                                whistles.findById(whistleId)
                                        .chain(
                                                existing -> {
                                                    if (existing != null) {
                                                        if (!existing.caseId.equals(caseId)) {
                                                            throw new Problem(
                                                                    CONFLICT,
                                                                    "WHISTLE_EXISTS",
                                                                    "whistleId",
                                                                    "whistle "
                                                                            + whistleId
                                                                            + " was blown on another case");
                                                        }
                                                        return cases.findById(caseId)
                                                                .chain(
                                                                        file -> {
                                                                            blower(
                                                                                    person, file,
                                                                                    site);
                                                                            return boardOf(
                                                                                    existing);
                                                                        });
                                                    }
                                                    return cases.findById(caseId)
                                                            .chain(
                                                                    file -> {
                                                                        if (file == null) {
                                                                            throw new Problem(
                                                                                    NOT_FOUND,
                                                                                    "CASE_NOT_FOUND",
                                                                                    "caseId",
                                                                                    "case "
                                                                                            + caseId
                                                                                            + " is not known to dispatch");
                                                                        }
                                                                        var actor =
                                                                                blower(
                                                                                        person,
                                                                                        file, site);
                                                                        if (file.ended()) {
                                                                            throw new Problem(
                                                                                    CONFLICT,
                                                                                    "CASE_CLOSED",
                                                                                    "caseId",
                                                                                    "case "
                                                                                            + file.number
                                                                                            + " is "
                                                                                            + file.status
                                                                                            + ": a whistle is blown only on an open case");
                                                                        }
                                                                        return tables.current()
                                                                                .chain(
                                                                                        t -> {
                                                                                            var
                                                                                                    departments =
                                                                                                            blow
                                                                                                                    .departments()
                                                                                                                    .stream()
                                                                                                                    .distinct()
                                                                                                                    .toList();
                                                                                            for (var
                                                                                                    code :
                                                                                                            departments) {
                                                                                                if (t.organisation()
                                                                                                                .department(
                                                                                                                        code)
                                                                                                        == null) {
                                                                                                    throw new Problem(
                                                                                                            UNPROCESSABLE,
                                                                                                            "UNKNOWN_DEPARTMENT",
                                                                                                            "departments",
                                                                                                            "department "
                                                                                                                    + code
                                                                                                                    + " is unknown and cannot be summoned");
                                                                                                }
                                                                                            }
                                                                                            var
                                                                                                    now =
                                                                                                            clock
                                                                                                                    .instant();
                                                                                            var
                                                                                                    whistle =
                                                                                                            new Whistle();
                                                                                            whistle.id =
                                                                                                    whistleId;
                                                                                            whistle.caseId =
                                                                                                    caseId;
                                                                                            whistle.kind =
                                                                                                    blow
                                                                                                            .kind();
                                                                                            whistle.blownBy =
                                                                                                    actor
                                                                                                            .staffId();
                                                                                            whistle.blownAt =
                                                                                                    now;
                                                                                            whistle.reportBy =
                                                                                                    now
                                                                                                            .plus(
                                                                                                                    blow
                                                                                                                                            .reportWithinMinutes()
                                                                                                                                    != null
                                                                                                                            ? Duration
                                                                                                                                    .ofMinutes(
                                                                                                                                            blow
                                                                                                                                                    .reportWithinMinutes())
                                                                                                                            : config
                                                                                                                                    .deadlineOf(
                                                                                                                                            blow
                                                                                                                                                    .kind()));
                                                                                            whistle.state =
                                                                                                    Whistle
                                                                                                            .State
                                                                                                            .OPEN;
                                                                                            var
                                                                                                    rows =
                                                                                                            departments
                                                                                                                    .stream()
                                                                                                                    .map(
                                                                                                                            code -> {
                                                                                                                                var
                                                                                                                                        s =
                                                                                                                                                new Summons();
                                                                                                                                s.whistleId =
                                                                                                                                        whistleId;
                                                                                                                                s.departmentCode =
                                                                                                                                        code;
                                                                                                                                s.nextEscalationAt =
                                                                                                                                        whistle.reportBy;
                                                                                                                                return s;
                                                                                                                            })
                                                                                                                    .toList();
                                                                                            LOG
                                                                                                    .infof(
                                                                                                            "%s whistle blown on case %s by %s (%s), summoning %s by %s",
                                                                                                            blow
                                                                                                                    .kind(),
                                                                                                            file.number,
                                                                                                            actor
                                                                                                                    .staffId(),
                                                                                                            actor
                                                                                                                    .role(),
                                                                                                            departments,
                                                                                                            whistle.reportBy);
                                                                                            return whistles.persist(
                                                                                                            whistle)
                                                                                                    .chain(
                                                                                                            () ->
                                                                                                                    summons
                                                                                                                            .persist(
                                                                                                                                    rows))
                                                                                                    .chain(
                                                                                                            () ->
                                                                                                                    events
                                                                                                                            .publish(
                                                                                                                                    DispatchTypes
                                                                                                                                            .WHISTLE_BLOWN,
                                                                                                                                    caseId,
                                                                                                                                    new WhistleBlown(
                                                                                                                                            whistleId,
                                                                                                                                            caseId,
                                                                                                                                            blow.kind()
                                                                                                                                                    .name(),
                                                                                                                                            departments,
                                                                                                                                            whistle.reportBy,
                                                                                                                                            actor
                                                                                                                                                    .staffId(),
                                                                                                                                            actor
                                                                                                                                                    .inEvents())))
                                                                                                    .replaceWith(
                                                                                                            new Board(
                                                                                                                    whistle,
                                                                                                                    file.number,
                                                                                                                    rows));
                                                                                        });
                                                                    });
                                                }))
                .invoke(relay::nudge);
    }

    private Actor blower(DispatchPolicy.Person person, CaseFile file, CaseSites.CaseSite site) {
        var grids = new ArrayList<String>();
        if (file != null && file.gridCode != null) {
            grids.add(file.gridCode);
        }
        if (file != null) {
            grids.addAll(file.dedicatedGrids());
        }
        return policy.whistleBlower(person, grids, site);
    }

    /**
     * Staff of a summoned department report for duty, as themselves for their own department (see
     * {@link DispatchPolicy#dutyReporter}); it counts as arrived only within the radius of the
     * case.
     */
    public Uni<DutyOutcome> report(
            UUID whistleId, DutyReport report, DispatchPolicy.Person person) {
        double radius = config.arrivalRadiusMeters();
        return Panache.withTransaction(
                        () ->
                                whistles.findById(whistleId)
                                        .chain(
                                                whistle -> {
                                                    if (whistle == null) {
                                                        throw new Problem(
                                                                NOT_FOUND,
                                                                "WHISTLE_NOT_FOUND",
                                                                "whistleId",
                                                                "whistle "
                                                                        + whistleId
                                                                        + " does not exist");
                                                    }
                                                    if (whistle.state == Whistle.State.CLOSED) {
                                                        throw new Problem(
                                                                CONFLICT,
                                                                "WHISTLE_CLOSED",
                                                                "whistleId",
                                                                "whistle "
                                                                        + whistleId
                                                                        + " closed with its case at "
                                                                        + whistle.closedAt);
                                                    }
                                                    return summons.list("whistleId", whistleId)
                                                            .chain(
                                                                    all -> {
                                                                        var actor =
                                                                                policy.dutyReporter(
                                                                                        person,
                                                                                        all.stream()
                                                                                                .map(
                                                                                                        s ->
                                                                                                                s.departmentCode)
                                                                                                .toList());
                                                                        var departmentCode =
                                                                                actor
                                                                                        .departmentCode();
                                                                        var summoned =
                                                                                all.stream()
                                                                                        .filter(
                                                                                                s ->
                                                                                                        s
                                                                                                                .departmentCode
                                                                                                                .equals(
                                                                                                                        departmentCode))
                                                                                        .findFirst()
                                                                                        .orElseThrow();
                                                                        if (summoned.arrived) {
                                                                            // A repeated report
                                                                            // after arriving
                                                                            // changes nothing.
                                                                            return Uni.createFrom()
                                                                                    .item(
                                                                                            new DutyOutcome(
                                                                                                    whistleId,
                                                                                                    summoned.departmentCode,
                                                                                                    true,
                                                                                                    0,
                                                                                                    radius,
                                                                                                    summoned.departmentCode
                                                                                                            + " already reported on site at "
                                                                                                            + summoned.arrivedAt));
                                                                        }
                                                                        return cases.findById(
                                                                                        whistle.caseId)
                                                                                .chain(
                                                                                        file -> {
                                                                                            if (file
                                                                                                            == null
                                                                                                    || !file
                                                                                                            .located()) {
                                                                                                throw new Problem(
                                                                                                        UNPROCESSABLE,
                                                                                                        "CASE_NOT_LOCATED",
                                                                                                        "whistleId",
                                                                                                        "the case of this whistle has no known location, so arrival cannot be checked");
                                                                                            }
                                                                                            var
                                                                                                    now =
                                                                                                            clock
                                                                                                                    .instant();
                                                                                            double
                                                                                                    distance =
                                                                                                            Math
                                                                                                                            .round(
                                                                                                                                    Distance
                                                                                                                                                    .meters(
                                                                                                                                                            report
                                                                                                                                                                    .longitude(),
                                                                                                                                                            report
                                                                                                                                                                    .latitude(),
                                                                                                                                                            file.longitude,
                                                                                                                                                            file.latitude)
                                                                                                                                            * 10)
                                                                                                                    / 10.0;
                                                                                            boolean
                                                                                                    arrived =
                                                                                                            distance
                                                                                                                    <= radius;
                                                                                            if (arrived) {
                                                                                                summoned.arrived =
                                                                                                        true;
                                                                                                summoned.arrivedAt =
                                                                                                        now;
                                                                                                summoned.arrivedStaffId =
                                                                                                        actor
                                                                                                                .staffId();
                                                                                                summoned.nextEscalationAt =
                                                                                                        null;
                                                                                            }
                                                                                            var
                                                                                                    message =
                                                                                                            arrived
                                                                                                                    ? String
                                                                                                                            .format(
                                                                                                                                    Locale
                                                                                                                                            .ROOT,
                                                                                                                                    "%s (%s) reported on site, %.0f m from the case%s",
                                                                                                                                    departmentCode,
                                                                                                                                    actor
                                                                                                                                            .staffId(),
                                                                                                                                    distance,
                                                                                                                                    now
                                                                                                                                                    .isAfter(
                                                                                                                                                            whistle.reportBy)
                                                                                                                                            ? ", after the deadline"
                                                                                                                                            : "")
                                                                                                                    : String
                                                                                                                            .format(
                                                                                                                                    Locale
                                                                                                                                            .ROOT,
                                                                                                                                    "%s (%s) reported %.0f m from the case, farther than %.0f m: not counted as arrived",
                                                                                                                                    departmentCode,
                                                                                                                                    actor
                                                                                                                                            .staffId(),
                                                                                                                                    distance,
                                                                                                                                    radius);
                                                                                            LOG
                                                                                                    .info(
                                                                                                            message);
                                                                                            return Panache
                                                                                                    .getSession()
                                                                                                    .chain(
                                                                                                            session ->
                                                                                                                    session.createNativeQuery(
                                                                                                                                    "insert into duty_report (whistle_id, department_code, staff_id, longitude, latitude,"
                                                                                                                                            + " distance_meters, arrived, at) values (:w, :d, :s, :lon, :lat, :dist, :arrived, :at)")
                                                                                                                            .setParameter(
                                                                                                                                    "w",
                                                                                                                                    whistleId)
                                                                                                                            .setParameter(
                                                                                                                                    "d",
                                                                                                                                    departmentCode)
                                                                                                                            .setParameter(
                                                                                                                                    "s",
                                                                                                                                    actor
                                                                                                                                            .staffId())
                                                                                                                            .setParameter(
                                                                                                                                    "lon",
                                                                                                                                    report
                                                                                                                                            .longitude())
                                                                                                                            .setParameter(
                                                                                                                                    "lat",
                                                                                                                                    report
                                                                                                                                            .latitude())
                                                                                                                            .setParameter(
                                                                                                                                    "dist",
                                                                                                                                    distance)
                                                                                                                            .setParameter(
                                                                                                                                    "arrived",
                                                                                                                                    arrived)
                                                                                                                            .setParameter(
                                                                                                                                    "at",
                                                                                                                                    now)
                                                                                                                            .executeUpdate())
                                                                                                    .chain(
                                                                                                            () ->
                                                                                                                    events
                                                                                                                            .publish(
                                                                                                                                    DispatchTypes
                                                                                                                                            .REPORTED_FOR_DUTY,
                                                                                                                                    whistle.caseId,
                                                                                                                                    new ReportedForDuty(
                                                                                                                                            whistleId,
                                                                                                                                            whistle.caseId,
                                                                                                                                            departmentCode,
                                                                                                                                            arrived,
                                                                                                                                            distance,
                                                                                                                                            now,
                                                                                                                                            actor
                                                                                                                                                    .staffId(),
                                                                                                                                            actor
                                                                                                                                                    .inEvents())))
                                                                                                    .replaceWith(
                                                                                                            new DutyOutcome(
                                                                                                                    whistleId,
                                                                                                                    departmentCode,
                                                                                                                    arrived,
                                                                                                                    distance,
                                                                                                                    radius,
                                                                                                                    message));
                                                                                        });
                                                                    });
                                                }))
                .invoke(relay::nudge);
    }

    /**
     * Closes the open whistles of cases that ended, in one statement over the caller's SQL
     * connection and in its transaction (their summons stop escalating); answers, per case, the
     * events that announce each whistle closed.
     */
    public Uni<Map<UUID, List<CloudEvent>>> closeForCases(
            SqlConnection connection, Collection<UUID> caseIds) {
        if (caseIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        var closedAt = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        return connection
                .preparedQuery(
                        """
                        with closed as (
                            update whistle set state = 'CLOSED', closed_at = $2
                            where case_id = any($1) and state = 'OPEN'
                            returning id, case_id, blown_at
                        ),
                        stopped as (
                            update whistle_summons s set next_escalation_at = null
                            from closed where s.whistle_id = closed.id
                        )
                        select id, case_id from closed order by blown_at, id""")
                .execute(Tuple.of(caseIds.toArray(UUID[]::new), closedAt))
                .map(
                        rows -> {
                            var closed = new HashMap<UUID, List<CloudEvent>>();
                            for (var row : rows) {
                                var caseId = row.getUUID("case_id");
                                var whistleId = row.getUUID("id");
                                closed.computeIfAbsent(caseId, id -> new ArrayList<>())
                                        .add(
                                                events.envelope(
                                                        DispatchTypes.WHISTLE_CLOSED,
                                                        caseId,
                                                        new WhistleClosed(whistleId, caseId)));
                            }
                            return closed;
                        });
    }

    public Uni<List<Board>> board(Whistle.State state) {
        return Panache.withSession(
                () ->
                        whistles.list("state = ?1 order by blownAt desc", state)
                                .chain(
                                        list -> {
                                            Uni<List<Board>> boards =
                                                    Uni.createFrom().item(new ArrayList<>());
                                            for (var whistle : list) {
                                                boards =
                                                        boards.chain(
                                                                acc ->
                                                                        boardOf(whistle)
                                                                                .map(
                                                                                        board -> {
                                                                                            acc.add(
                                                                                                    board);
                                                                                            return acc;
                                                                                        }));
                                            }
                                            return boards;
                                        }));
    }

    public Uni<Board> get(UUID whistleId) {
        return Panache.withSession(
                () ->
                        whistles.findById(whistleId)
                                .chain(
                                        whistle -> {
                                            if (whistle == null) {
                                                throw new Problem(
                                                        NOT_FOUND,
                                                        "WHISTLE_NOT_FOUND",
                                                        "whistleId",
                                                        "whistle " + whistleId + " does not exist");
                                            }
                                            return boardOf(whistle);
                                        }));
    }

    private Uni<Board> boardOf(Whistle whistle) {
        return summons.list("whistleId = ?1 order by departmentCode", whistle.id)
                .chain(
                        rows ->
                                cases.findById(whistle.caseId)
                                        .map(
                                                file ->
                                                        new Board(
                                                                whistle,
                                                                file == null ? null : file.number,
                                                                rows)));
    }
}
