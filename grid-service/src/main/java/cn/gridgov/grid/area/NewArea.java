package cn.gridgov.grid.area;

/** An area to be created; {@code geoJson} is a GeoJSON Polygon or MultiPolygon in WGS 84. */
public record NewArea(
        String code,
        String name,
        AreaLevel level,
        AreaKind kind,
        String parentCode,
        String geoJson) {}
