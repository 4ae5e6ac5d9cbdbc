package cn.gridgov.dispatch.whistle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.UUID;

/** One department summoned by a whistle, and whether it has reported for duty on site. */
@Entity
@Table(name = "whistle_summons")
@IdClass(Summons.Key.class)
public class Summons {

    public record Key(UUID whistleId, String departmentCode) implements Serializable {
        public Key() {
            this(null, null);
        }
    }

    @Id
    @Column(name = "whistle_id")
    public UUID whistleId;

    @Id
    @Column(name = "department_code")
    public String departmentCode;

    public boolean arrived;

    @Column(name = "arrived_at")
    public Instant arrivedAt;

    @Column(name = "arrived_staff_id")
    public String arrivedStaffId;

    @Column(name = "escalation_level")
    public int escalationLevel;

    /**
     * When the escalation scan must look at it next; null once arrived, fully escalated or closed.
     */
    @Column(name = "next_escalation_at")
    public Instant nextEscalationAt;
}
