package cn.gridgov.grid.geojson;

import io.smallrye.config.ConfigMapping;

/**
 * How large a GeoJSON import may be: a district's grids fit, a mistake the size of a country does
 * not.
 */
@ConfigMapping(prefix = "gridgov.import")
public interface ImportConfig {

    long maxBytes();

    int maxFeatures();
}
