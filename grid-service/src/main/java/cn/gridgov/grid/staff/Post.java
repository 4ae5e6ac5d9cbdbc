package cn.gridgov.grid.staff;

/**
 * A post one person holds: a role, in an area for grid posts, in none for command and department
 * posts.
 */
public record Post(String role, String areaCode) {}
