package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.dispatch.routing.Csv;
import java.util.List;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * An enforcement zone (执法片区) as the routing tables know it: the areas it is made of and the
 * departments that patrol it. Zones have no outline of their own; the console draws their areas.
 */
public record ZoneView(String code, List<String> areaCodes, List<String> departmentCodes) {

    static List<ZoneView> allOf(Organisation organisation) {
        var areas = new TreeMap<String, TreeSet<String>>();
        organisation
                .zonesByArea()
                .forEach(
                        (area, zones) ->
                                zones.forEach(
                                        zone ->
                                                areas.computeIfAbsent(zone, z -> new TreeSet<>())
                                                        .add(area)));
        var departments = new TreeMap<String, TreeSet<String>>();
        organisation
                .departments()
                .values()
                .forEach(
                        d ->
                                Csv.split(d.zones)
                                        .forEach(
                                                zone ->
                                                        departments
                                                                .computeIfAbsent(
                                                                        zone, z -> new TreeSet<>())
                                                                .add(d.code)));
        return areas.entrySet().stream()
                .map(
                        zone ->
                                new ZoneView(
                                        zone.getKey(),
                                        List.copyOf(zone.getValue()),
                                        List.copyOf(
                                                departments.getOrDefault(
                                                        zone.getKey(), new TreeSet<>()))))
                .toList();
    }
}
