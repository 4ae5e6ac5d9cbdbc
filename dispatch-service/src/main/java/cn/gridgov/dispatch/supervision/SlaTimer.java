package cn.gridgov.dispatch.supervision;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * The current step's timers of one case: yellow (urge, 催办) at {@code warnAt}, red (supervise, 督办)
 * at {@code dueAt} and every further interval with a rising level. What has fired is recorded in
 * sla_firing under a unique key; this row only says when to look next.
 */
@Entity
@Table(name = "sla_timer")
public class SlaTimer {

    @Id
    @Column(name = "case_id")
    public UUID caseId;

    public String step;

    /** Counts every replacement, so a new timer of the same step can fire again. */
    public int round;

    @Column(name = "warn_at")
    public Instant warnAt;

    @Column(name = "due_at")
    public Instant dueAt;

    @Column(name = "yellow_fired")
    public boolean yellowFired;

    @Column(name = "red_level")
    public int redLevel;

    @Column(name = "next_fire_at")
    public Instant nextFireAt;

    public boolean open;

    boolean sameAs(String step, Instant warnAt, Instant dueAt) {
        return open
                && step.equals(this.step)
                && java.util.Objects.equals(warnAt, this.warnAt)
                && dueAt.equals(this.dueAt);
    }

    /** Starts over for a new step or a moved deadline. */
    void restart(String step, Instant warnAt, Instant dueAt) {
        this.step = step;
        this.warnAt = warnAt;
        this.dueAt = dueAt;
        this.yellowFired = false;
        this.redLevel = 0;
        this.open = true;
        // A warning at or after the deadline means nothing: the case goes straight to red.
        this.nextFireAt = warnAt != null && warnAt.isBefore(dueAt) ? warnAt : dueAt;
    }

    void stop() {
        open = false;
        nextFireAt = null;
    }
}
