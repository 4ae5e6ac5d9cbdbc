package cn.gridgov.dispatch.organisation;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** An immutable picture of departments, areas and enforcement zones, as the router needs it. */
public record Organisation(
        Map<String, Department> departments,
        Map<String, Area> areas,
        Map<String, Set<String>> zonesByArea) {

    public Organisation {
        departments = Map.copyOf(departments);
        areas = Map.copyOf(areas);
        zonesByArea = Map.copyOf(zonesByArea);
    }

    public Department department(String code) {
        return code == null ? null : departments.get(code);
    }

    /** The grid, its dedicated grids, every ancestor and every zone containing any of them. */
    public Place placeOf(String gridCode, List<String> dedicatedGridCodes) {
        var ranks = new HashMap<String, Integer>();
        var zoneMembers = new HashSet<String>();
        if (gridCode != null) {
            ranks.put(gridCode, Place.GRID);
            zoneMembers.add(gridCode);
            var seen = new HashSet<String>();
            var area = areas.get(gridCode);
            while (area != null && area.parentCode != null && seen.add(area.parentCode)) {
                area = areas.get(area.parentCode);
                if (area != null) {
                    ranks.putIfAbsent(area.code, Place.rankOfLevel(area.level));
                    zoneMembers.add(area.code);
                }
            }
        }
        for (var dedicated : dedicatedGridCodes) {
            ranks.put(dedicated, Place.DEDICATED);
            zoneMembers.add(dedicated);
        }
        for (var member : zoneMembers) {
            for (var zone : zonesByArea.getOrDefault(member, Set.of())) {
                ranks.putIfAbsent(zone, Place.ZONE);
            }
        }
        return new Place(ranks);
    }

    public boolean knowsArea(String code) {
        return areas.containsKey(code)
                || zonesByArea.values().stream().anyMatch(zones -> zones.contains(code));
    }
}
