package cn.gridgov.cases.phone;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Optional;

/**
 * The phone page's map background: a tile server of the town's choice (its own, or 天地图 with its key
 * in the URL), or none. Without tiles the map still draws the grids' outlines and the pins.
 */
@ConfigMapping(prefix = "gridgov.phone.map")
public interface PhoneMapConfig {

    /** A Leaflet tile URL template ({z}/{x}/{y}); empty for no tiles. */
    Optional<String> tileUrl();

    /** Whom the tiles must credit, shown in the map's corner. */
    Optional<String> tileAttribution();

    /** The deepest zoom the tile server draws. */
    @WithDefault("18")
    int maxZoom();
}
