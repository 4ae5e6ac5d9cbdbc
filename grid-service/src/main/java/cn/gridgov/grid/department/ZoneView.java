package cn.gridgov.grid.department;

import java.util.List;

/** An enforcement zone and the areas it covers. */
public record ZoneView(String code, String name, List<String> areas) {}
