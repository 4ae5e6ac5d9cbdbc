package cn.gridgov.dispatch.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.List;

/**
 * A routing rule as data: what (a category prefix; empty matches every category) × where (an area
 * code: grid, community, town, district, dedicated grid or enforcement zone; null = anywhere) ×
 * whose (subject type; null = anyone) → how (mode, lead department, co-handlers).
 *
 * <p>A DEPARTMENT rule without a department code picks, at routing time, the department of its
 * {@link #level} whose jurisdiction covers the case and whose responsibilities cover its category:
 * one rule sends natural persons' matters to the town government of whichever town the case is in.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

    @Id public String id;

    @Column(name = "category_prefix")
    public String categoryPrefix;

    @Column(name = "area_code")
    public String areaCode;

    @Enumerated(EnumType.STRING)
    @Column(name = "subject_type")
    public SubjectType subjectType;

    @Enumerated(EnumType.STRING)
    public Level level;

    @Enumerated(EnumType.STRING)
    public RoutingMode mode;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "department_name")
    public String departmentName;

    /** Comma-separated department codes (协办). */
    @Column(name = "co_handlers")
    public String coHandlers = "";

    public int priority;

    public String description;

    @Version public int version;

    public List<String> coHandlerCodes() {
        return Csv.split(coHandlers);
    }

    boolean matchesCategory(String category) {
        return category != null && category.startsWith(categoryPrefix);
    }

    boolean matchesSubject(SubjectType subject) {
        return subjectType == null || subjectType == subject;
    }
}
