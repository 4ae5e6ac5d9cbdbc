package cn.gridgov.grid.department;

import java.util.List;

/**
 * A department as the other services see it, over REST and in grid.department-changed:
 * responsibilities are category prefixes (two digits a section, four an item), jurisdiction the
 * area codes it serves, zones the enforcement zones (片区) it patrols.
 */
public record DepartmentView(
        String code,
        String name,
        DepartmentLevel level,
        List<String> responsibilities,
        List<String> jurisdiction,
        List<String> zones) {}
