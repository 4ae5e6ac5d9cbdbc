package cn.gridgov.contracts.grid;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * grid.area-changed: the area as it now is, its polygon as GeoJSON (WGS 84); consumers upsert it.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AreaChanged(
        String code,
        String name,
        String level,
        String kind,
        String parentCode,
        JsonNode geometry) {}
