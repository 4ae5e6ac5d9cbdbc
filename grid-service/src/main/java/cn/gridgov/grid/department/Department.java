package cn.gridgov.grid.department;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;

/**
 * A department that handles cases. Its responsibilities, jurisdiction and zones are rows of their
 * own (see {@link DepartmentRepository}), so the areas and zones they name are foreign keys.
 */
@Entity
@Table(name = "department")
public class Department {

    @Id public String code;

    public String name;

    @Enumerated(EnumType.STRING)
    public DepartmentLevel level;

    @Version public int version;

    @Column(name = "updated_at")
    public Instant updatedAt;
}
