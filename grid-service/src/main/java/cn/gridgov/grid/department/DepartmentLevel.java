package cn.gridgov.grid.department;

/** Where a department sits: the district (区级) or a street or town (街镇级). */
public enum DepartmentLevel {
    DISTRICT,
    STREET
}
