package cn.gridgov.grid.department;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An enforcement zone (片区): a group of areas one enforcement team patrols. */
@Entity
@Table(name = "enforcement_zone")
public class EnforcementZone {

    @Id public String code;

    public String name;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
