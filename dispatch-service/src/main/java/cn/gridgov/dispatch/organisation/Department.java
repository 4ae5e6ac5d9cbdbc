package cn.gridgov.dispatch.organisation;

import cn.gridgov.dispatch.routing.Csv;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;

/** A department as grid-service last announced it (or as seeded for the demo district). */
@Entity
@Table(name = "department")
public class Department {

    public static final String GRID = "GRID";
    public static final String COMMAND_CENTER = "CC";

    @Id public String code;

    public String name;

    /** DISTRICT, STREET, or GRID for the pseudo-department of the grid chief. */
    public String level;

    /** Comma-separated category prefixes (权责清单). */
    public String responsibilities = "";

    /** Comma-separated area codes where it acts. */
    public String jurisdiction = "";

    /** Comma-separated enforcement zone codes. */
    public String zones = "";

    @Column(name = "updated_at")
    public Instant updatedAt;

    public List<String> responsibilityPrefixes() {
        return Csv.split(responsibilities);
    }

    public List<String> jurisdictionCodes() {
        return Csv.split(jurisdiction);
    }

    public boolean responsibleFor(String category) {
        return category != null && responsibilityPrefixes().stream().anyMatch(category::startsWith);
    }

    public static Department of(
            String code, String name, String level, String responsibilities, String jurisdiction) {
        var d = new Department();
        d.code = code;
        d.name = name;
        d.level = level;
        d.responsibilities = responsibilities;
        d.jurisdiction = jurisdiction;
        return d;
    }
}
