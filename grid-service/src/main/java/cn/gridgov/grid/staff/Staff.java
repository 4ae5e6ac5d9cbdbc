package cn.gridgov.grid.staff;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A person of the grid organisation. Posts and the latest location are rows of their own (see
 * {@link StaffRepository}): a person holds many posts (一员多岗), and pings arrive far more often than
 * anything else about a person changes.
 */
@Entity
@Table(name = "staff")
public class Staff {

    @Id public String id;

    public String name;

    public String phone;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "on_duty")
    public boolean onDuty;

    @Version public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
