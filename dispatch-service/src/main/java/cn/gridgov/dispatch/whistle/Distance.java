package cn.gridgov.dispatch.whistle;

import net.sf.geographiclib.Geodesic;
import net.sf.geographiclib.GeodesicMask;

/**
 * Metres between two WGS 84 points along the ellipsoid (GeographicLib), longitude first as
 * everywhere in this system: how far a duty report stands from its case, or a handler from it.
 */
public final class Distance {

    private Distance() {}

    public static double meters(double lon1, double lat1, double lon2, double lat2) {
        return Geodesic.WGS84.Inverse(lat1, lon1, lat2, lon2, GeodesicMask.DISTANCE).s12;
    }
}
