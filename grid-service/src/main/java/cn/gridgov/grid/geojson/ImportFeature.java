package cn.gridgov.grid.geojson;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import org.locationtech.jts.geom.MultiPolygon;

/** One feature of an import that is well-formed GeoJSON; PostGIS still has to vet its polygon. */
public record ImportFeature(
        int index,
        String code,
        String name,
        AreaLevel level,
        AreaKind kind,
        String parentCode,
        MultiPolygon geometry) {}
