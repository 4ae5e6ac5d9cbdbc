package cn.gridgov.grid.area;

import com.fasterxml.jackson.databind.JsonNode;

/** The data of grid.area-changed: the area as it now is, with its polygon as GeoJSON. */
public record AreaChanged(String code, String name, AreaLevel level, AreaKind kind, String parentCode,
                          JsonNode geometry) {
}
