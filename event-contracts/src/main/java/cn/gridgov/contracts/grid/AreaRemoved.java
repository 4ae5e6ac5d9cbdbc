package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * grid.area-removed: an import took the area away (it was below an area of the imported file, and
 * the file no longer holds it); consumers forget it. {@code version} is the import that removed it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AreaRemoved(String code, String parentCode, long version) {}
