package cn.gridgov.cases.timeline;

import cn.gridgov.cases.casefile.Actor;
import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseStatus;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Appends to and reads a case's timeline; appends run in the transaction of the change they record.
 */
@ApplicationScoped
public class Timeline implements PanacheRepositoryBase<TimelineEntry, TimelineEntry.Key> {

    private final TimelineChain chain;

    public Timeline(TimelineChain chain) {
        this.chain = chain;
    }

    public Uni<TimelineEntry> append(
            Case c,
            String action,
            CaseStatus from,
            Actor actor,
            String note,
            List<UUID> photoIds,
            UUID commandId,
            Instant at) {
        return persist(next(c, action, from, actor, note, photoIds, commandId, at));
    }

    /**
     * The case's next entry, chained to its last one; the case now counts it, but nothing is
     * written yet.
     */
    public TimelineEntry next(
            Case c,
            String action,
            CaseStatus from,
            Actor actor,
            String note,
            List<UUID> photoIds,
            UUID commandId,
            Instant at) {
        var entry = new TimelineEntry();
        entry.commandId = commandId;
        entry.caseId = c.id;
        entry.seq = c.timelineLength + 1;
        entry.at = at.truncatedTo(ChronoUnit.MICROS);
        entry.action = action;
        entry.fromStatus = from == null ? null : from.name();
        entry.toStatus = c.status.name();
        entry.actorStaffId = actor.staffId();
        entry.actorRole = actor.role().name();
        entry.actorDepartment = actor.departmentCode();
        entry.note = note;
        entry.photoIds = String.join(",", photoIds.stream().map(UUID::toString).toList());
        entry.prevHash = c.timelineHash;
        entry.hash = chain.hash(entry.prevHash, entry);
        c.timelineLength = entry.seq;
        c.timelineHash = entry.hash;
        return entry;
    }

    /** Whether a command with this id was already applied to the case. */
    public Uni<Boolean> applied(UUID caseId, UUID commandId) {
        return commandId == null
                ? Uni.createFrom().item(false)
                : count("caseId = ?1 and commandId = ?2", caseId, commandId).map(n -> n > 0);
    }

    public Uni<List<TimelineEntry>> of(UUID caseId) {
        return list("caseId = ?1 order by seq", caseId);
    }
}
