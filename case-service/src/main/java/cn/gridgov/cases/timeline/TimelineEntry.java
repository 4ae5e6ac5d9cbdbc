package cn.gridgov.cases.timeline;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** One recorded step of a case: who did what, when, with which note and photos. Never updated. */
@Entity
@Table(name = "case_timeline")
@IdClass(TimelineEntry.Key.class)
public class TimelineEntry {

    public static class Key implements Serializable {
        public UUID caseId;
        public int seq;

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && Objects.equals(caseId, k.caseId) && seq == k.seq;
        }

        @Override
        public int hashCode() {
            return Objects.hash(caseId, seq);
        }
    }

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    @Id public int seq;

    public Instant at;

    public String action;

    @Column(name = "from_status")
    public String fromStatus;

    @Column(name = "to_status")
    public String toStatus;

    @Column(name = "actor_staff_id")
    public String actorStaffId;

    @Column(name = "actor_role")
    public String actorRole;

    @Column(name = "actor_department")
    public String actorDepartment;

    public String note;

    /** Photo ids separated by commas, in the order given. */
    @Column(name = "photo_ids")
    public String photoIds;

    @Column(name = "command_id")
    public UUID commandId;

    @Column(name = "prev_hash")
    public String prevHash;

    public String hash;

    /**
     * The fields the hash covers, in a fixed order, each prefixed with its length (-1 for none) so
     * that no value can spill into the next; timestamps in microseconds, as PostgreSQL keeps them.
     */
    String canonical() {
        long micros = at.getEpochSecond() * 1_000_000 + at.getNano() / 1_000;
        var out = new StringBuilder();
        for (var field :
                new String[] {
                    caseId.toString(),
                    Integer.toString(seq),
                    Long.toString(micros),
                    action,
                    fromStatus,
                    toStatus,
                    actorStaffId,
                    actorRole,
                    actorDepartment,
                    note,
                    photoIds,
                    commandId == null ? null : commandId.toString()
                }) {
            out.append(field == null ? -1 : field.length())
                    .append(':')
                    .append(field == null ? "" : field)
                    .append(';');
        }
        return out.toString();
    }
}
