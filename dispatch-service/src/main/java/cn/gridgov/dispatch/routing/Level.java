package cn.gridgov.dispatch.routing;

/** The administrative level of a department: the district bureaus or the street (town) offices. */
public enum Level {
    DISTRICT,
    STREET
}
