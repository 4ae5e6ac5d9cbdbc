package cn.gridgov.dispatch.organisation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * An area of the grid hierarchy as grid-service last announced it: enough to know a grid's
 * ancestors.
 */
@Entity
@Table(name = "area")
public class Area {

    @Id public String code;

    public String name;

    /** DISTRICT, STREET, COMMUNITY, BIG_GRID or GRID. */
    public String level;

    /** COMPREHENSIVE or DEDICATED. */
    public String kind;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
