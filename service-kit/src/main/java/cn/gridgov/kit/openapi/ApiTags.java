package cn.gridgov.kit.openapi;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The groups of every service's API document, in the order Swagger UI shows them: the eight steps
 * of the loop first, then what is around them. An operation names its group with {@code @Tag(name =
 * ApiTags.ACCEPT)}; the descriptions are written here once and added to each document by {@link
 * ApiDocumentFilter}.
 */
public final class ApiTags {

    public static final String COLLECT = "1 采集上报 Collect & report";
    public static final String VERIFY = "2 信息核实 Verify";
    public static final String ACCEPT = "3 确认受理 Accept";
    public static final String DISPATCH = "4 分流交办 Dispatch";
    public static final String SUPERVISE = "5 跟踪督办 Supervise";
    public static final String FEEDBACK = "6 结果反馈 Report the result";
    public static final String CHECK = "7 核查结案 Check & close";
    public static final String EVALUATE = "8 考核评价 Evaluate";
    public static final String CASES = "Cases 案件";
    public static final String GRIDS = "Grids & staff 网格与人员";
    public static final String OPEN311 = "Open311";
    public static final String OPERATIONS = "Operations 运维";

    /** Every group with its description, in the order shown. */
    public static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        DESCRIPTIONS.put(
                COLLECT,
                "Problems come in, from grid workers' phones, the hotline, sensors and citizens' apps:"
                        + " each report becomes one case, located to its grid; a report sent again answers"
                        + " with the same case.");
        DESCRIPTIONS.put(
                VERIFY,
                "The grid worker checks on the spot that the problem is real, or finds it invalid or a"
                        + " repeat of an open case.");
        DESCRIPTIONS.put(
                ACCEPT,
                "The command center registers a verified case, sets its urgency and whom it concerns;"
                        + " routing starts here.");
        DESCRIPTIONS.put(
                DISPATCH,
                "Routing to the departments responsible (a lead and co-handlers) by rule or by hand,"
                        + " send-backs, recommended handlers, and the whistle (吹哨报到) that calls"
                        + " departments to a grid.");
        DESCRIPTIONS.put(
                SUPERVISE,
                "Deadlines counted in working time, warnings, escalations, extensions, the dispatch"
                        + " queue and the forecast of what will be late.");
        DESCRIPTIONS.put(
                FEEDBACK, "The department handling a case reports what it did, with photos.");
        DESCRIPTIONS.put(
                CHECK,
                "The grid worker checks the result on the spot: the case is closed, or sent back to"
                        + " be reworked.");
        DESCRIPTIONS.put(
                EVALUATE,
                "Indicators by grid, department and person, the score schemes they are weighed by,"
                        + " and their exports.");
        DESCRIPTIONS.put(
                CASES,
                "A case as a whole, whatever its step: its file, timeline, photos, the open cases on"
                        + " the map and the search.");
        DESCRIPTIONS.put(
                GRIDS,
                "Grids (comprehensive and dedicated), enforcement zones, departments and their"
                        + " responsibilities, staff, posts and duty; locating a point to its grid.");
        DESCRIPTIONS.put(
                OPEN311,
                "Open311 GeoReport v2 for citizens' apps: JSON or XML, an api key instead of a token,"
                        + " and every error in the specification's own format (a list of code and"
                        + " description).");
        DESCRIPTIONS.put(
                OPERATIONS,
                "Running the service: records its consumers parked, the audit trail, reconciliation"
                        + " with the other services, and the apps' keys.");
    }

    private ApiTags() {}
}
