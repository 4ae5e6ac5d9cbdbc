package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * grid.area-import-applied: an import of areas was applied as one version, after the {@code
 * grid.area-changed} and {@code grid.area-removed} events of its areas (same transaction). Says
 * which areas it added, changed and removed, and who applied it; for consoles and the record, the
 * per-area events carry the data.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AreaImportApplied(
        long version,
        String actor,
        List<String> added,
        List<String> changed,
        List<String> removed) {}
