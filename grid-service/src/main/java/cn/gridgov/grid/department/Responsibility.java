package cn.gridgov.grid.department;

/**
 * A department responsible for a category in a place: the prefix of its list that matched and the
 * area of its jurisdiction that covers the place.
 */
public record Responsibility(
        String code,
        String name,
        DepartmentLevel level,
        String matchedPrefix,
        String jurisdictionArea) {}
