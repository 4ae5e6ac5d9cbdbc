package cn.gridgov.cases.casefile;

public enum Urgency {
    NORMAL,
    URGENT
}
