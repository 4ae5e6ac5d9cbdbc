package cn.gridgov.dispatch.routing;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * A routing rule as data: cases whose category code starts with {@code categoryPrefix} go to a
 * department. An empty prefix is the fallback that matches every category.
 */
@Entity
@Table(name = "routing_rule")
public class RoutingRule {

    @Id
    public String id;

    @Column(name = "category_prefix")
    public String categoryPrefix;

    @Column(name = "department_code")
    public String departmentCode;

    @Column(name = "department_name")
    public String departmentName;

    public int priority;

    public String description;

    boolean matches(String category) {
        return category.startsWith(categoryPrefix);
    }
}
