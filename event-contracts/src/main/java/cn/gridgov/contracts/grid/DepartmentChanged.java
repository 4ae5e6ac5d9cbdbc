package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * grid.department-changed: the department as it now is; responsibilities are category prefixes,
 * jurisdiction area codes, zones enforcement zones (片区). Consumers upsert it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepartmentChanged(
        String code,
        String name,
        String level,
        List<String> responsibilities,
        List<String> jurisdiction,
        List<String> zones) {}
