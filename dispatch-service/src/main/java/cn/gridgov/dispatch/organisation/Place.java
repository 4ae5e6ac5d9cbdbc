package cn.gridgov.dispatch.organisation;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Where a case is, as every area code that contains it with how specific that code is: a dedicated
 * grid is the most specific (it overrides), then the grid, community, enforcement zone, town
 * (street) and district.
 */
public record Place(Map<String, Integer> rankByCode) {

    public static final int DEDICATED = 6;
    public static final int GRID = 5;
    public static final int COMMUNITY = 4;
    public static final int ZONE = 3;
    public static final int STREET = 2;
    public static final int DISTRICT = 1;
    public static final int NOT_HERE = -1;

    public static final Place NOWHERE = new Place(Map.of());

    public Place {
        rankByCode = Collections.unmodifiableMap(new LinkedHashMap<>(rankByCode));
    }

    /**
     * How specifically {@code areaCode} names this place; {@link #NOT_HERE} if it does not contain
     * it.
     */
    public int rankOf(String areaCode) {
        return rankByCode.getOrDefault(areaCode, NOT_HERE);
    }

    public Set<String> codes() {
        return rankByCode.keySet();
    }

    public static int rankOfLevel(String level) {
        return switch (level == null ? "" : level) {
            case "GRID", "BIG_GRID" -> GRID;
            case "COMMUNITY" -> COMMUNITY;
            case "STREET" -> STREET;
            case "DISTRICT" -> DISTRICT;
            default -> DISTRICT;
        };
    }
}
