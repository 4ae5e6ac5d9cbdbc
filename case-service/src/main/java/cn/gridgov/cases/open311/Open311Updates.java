package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.Role;
import cn.gridgov.cases.workflow.CaseChanges;
import cn.gridgov.cases.workflow.CaseChanges.Change;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The servicerequestupdates extension (FixMyStreet's): a request's updates are its case's timeline,
 * read by period (every change of status, and what clients posted), and a client's update lands on
 * that timeline as {@code OPEN311_UPDATE}, in the transaction that records the client's update id,
 * so a resend lands once. An update never moves the case: a citizen saying "fixed" is heard by the
 * people who check it, not obeyed.
 */
@ApplicationScoped
public class Open311Updates {

    /** The timeline action of a client's update. */
    static final String ACTION = "OPEN311_UPDATE";

    /** An update as a client posted it; the contact is kept with it and shown to nobody outside. */
    public record Posted(
            Open311Keys.Client client,
            String clientUpdateId,
            String serviceRequestId,
            String status,
            String description,
            String mediaUrl,
            Open311Requests.Contact contact) {}

    /** One entry of a timeline as GeoReport tells it: a change of status, or a client's update. */
    public record TimelineUpdate(
            String number,
            int seq,
            Instant at,
            String action,
            CaseStatus status,
            String note,
            String mediaUrl) {
        /** Unique across the system: the case's number and the entry's place on its timeline. */
        public String updateId() {
            return Open311Updates.updateId(number, seq);
        }
    }

    private static final String BETWEEN =
            """
            select c.number, t.seq, t.at, t.action, t.to_status, t.note, u.media_url
            from case_timeline t
            join cases c on c.id = t.case_id
            left join open311_update u on u.case_id = t.case_id and u.seq = t.seq
            where t.at >= $1 and t.at <= $2
              and (t.from_status is null or t.from_status <> t.to_status or t.action = $3)
            order by t.at, c.number, t.seq
            limit $4""";

    private final Pool pool;
    private final CaseRepository cases;
    private final AnsweringCase answering;
    private final CaseChanges changes;
    private final Clock clock;

    public Open311Updates(
            Pool pool,
            CaseRepository cases,
            AnsweringCase answering,
            CaseChanges changes,
            Clock clock) {
        this.pool = pool;
        this.cases = cases;
        this.answering = answering;
        this.changes = changes;
        this.clock = clock;
    }

    /** Updates in {@code [from, to]}, oldest first, at most {@code limit}. */
    public Uni<List<TimelineUpdate>> between(Instant from, Instant to, int limit) {
        return pool.preparedQuery(BETWEEN)
                .execute(Tuple.of(utc(from), utc(to), ACTION, limit))
                .map(
                        rows -> {
                            var updates = new ArrayList<TimelineUpdate>();
                            rows.forEach(
                                    row ->
                                            updates.add(
                                                    new TimelineUpdate(
                                                            row.getString(0),
                                                            row.getInteger(1),
                                                            row.getOffsetDateTime(2).toInstant(),
                                                            row.getString(3),
                                                            CaseStatus.valueOf(row.getString(4)),
                                                            row.getString(5),
                                                            row.getString(6))));
                            return updates;
                        });
    }

    /**
     * Puts a client's update on the timeline of the case answering for the request (the case it was
     * merged into, if so) and answers with its update id; a resent update answers with the first
     * one's.
     */
    public Uni<String> post(Posted posted) {
        return changes.inTransaction(
                () ->
                        Panache.getSession()
                                .chain(
                                        session ->
                                                session.createNativeQuery(
                                                                "select c.number, u.seq from open311_update u join cases c on c.id = u.case_id"
                                                                        + " where u.api_key_id = :key and u.client_update_id = :update",
                                                                Object[].class)
                                                        .setParameter(
                                                                "key", posted.client().keyId())
                                                        .setParameter(
                                                                "update", posted.clientUpdateId())
                                                        .getResultList())
                                .chain(
                                        known ->
                                                known.isEmpty()
                                                        ? land(posted)
                                                        : Uni.createFrom()
                                                                .item(
                                                                        updateId(
                                                                                (String)
                                                                                        known.get(
                                                                                                        0)[
                                                                                                0],
                                                                                ((Number)
                                                                                                known.get(
                                                                                                                0)[
                                                                                                        1])
                                                                                        .intValue()))));
    }

    private Uni<String> land(Posted posted) {
        var actor = new Actor("open311:" + posted.client().clientName(), Role.REPORTER, null);
        return cases.findByNumber(posted.serviceRequestId())
                .onItem()
                .ifNull()
                .failWith(
                        () ->
                                Problem.notFound(
                                        "REQUEST_NOT_FOUND",
                                        "service_request_id",
                                        "service_request_id "
                                                + posted.serviceRequestId()
                                                + " not found"))
                .chain(answering::of)
                .chain(
                        c ->
                                changes.note(
                                        c,
                                        Change.of(ACTION, null),
                                        Details.of(actor, note(posted))))
                .chain(
                        c ->
                                Panache.getSession()
                                        .chain(
                                                session ->
                                                        session.createNativeQuery(
                                                                        "insert into open311_update"
                                                                                + " (api_key_id, client_update_id, case_id, seq, media_url, first_name, last_name, email,"
                                                                                + " account_id, received_at) values (:key, :update, :caseId, :seq, :media, :first, :last,"
                                                                                + " :email, :account, :at)")
                                                                .setParameter(
                                                                        "key",
                                                                        posted.client().keyId())
                                                                .setParameter(
                                                                        "update",
                                                                        posted.clientUpdateId())
                                                                .setParameter("caseId", c.id)
                                                                .setParameter(
                                                                        "seq", c.timelineLength)
                                                                .setParameter(
                                                                        "media", posted.mediaUrl())
                                                                .setParameter(
                                                                        "first",
                                                                        posted.contact()
                                                                                .firstName())
                                                                .setParameter(
                                                                        "last",
                                                                        posted.contact().lastName())
                                                                .setParameter(
                                                                        "email",
                                                                        posted.contact().email())
                                                                .setParameter(
                                                                        "account",
                                                                        posted.contact()
                                                                                .accountId())
                                                                .setParameter(
                                                                        "at", utc(clock.instant()))
                                                                .executeUpdate())
                                        .replaceWith(updateId(c.number, c.timelineLength)));
    }

    /**
     * The client's words as they reach the timeline; a client's "closed" is reported, never
     * applied.
     */
    private static String note(Posted posted) {
        var note = new StringBuilder(posted.description());
        if ("CLOSED".equalsIgnoreCase(posted.status())
                || "FIXED".equalsIgnoreCase(posted.status())) {
            note.append("（市民端称已解决，待核查）");
        }
        if (posted.mediaUrl() != null) {
            note.append(' ').append(posted.mediaUrl());
        }
        return note.toString();
    }

    static String updateId(String number, int seq) {
        return number + "/" + seq;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
