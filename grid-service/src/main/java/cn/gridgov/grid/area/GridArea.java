package cn.gridgov.grid.area;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.OffsetDateTime;

/**
 * One area of the hierarchy. Its polygon lives in the {@code geom} column and is read and written
 * only through PostGIS SQL (see {@link GridAreaRepository}): Hibernate Spatial is not available for
 * this Hibernate version, and keeping geometry in SQL lets PostGIS validate it.
 */
@Entity
@Table(name = "grid_area")
public class GridArea {

    @Id public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public AreaLevel level;

    @Enumerated(EnumType.STRING)
    public AreaKind kind;

    @Column(name = "parent_code")
    public String parentCode;

    @Column(name = "created_at", insertable = false, updatable = false)
    public OffsetDateTime createdAt;
}
