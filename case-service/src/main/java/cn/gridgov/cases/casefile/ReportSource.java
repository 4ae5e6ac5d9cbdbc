package cn.gridgov.cases.casefile;

/** Who brought the report in (通办通取: any channel may take a report for any place). */
public enum ReportSource {
    GRID_WORKER,
    CITIZEN,
    HOTLINE,
    SENSOR
}
