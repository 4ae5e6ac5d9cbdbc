package cn.gridgov.bench.flowable;

import java.util.Map;

/**
 * The routing step of the process, called from its service task's expression: the lead department
 * of a category, as a routing rule of the system would name it. No DMN table: the system's routing
 * is a rule lookup too, and a decision engine would only add statements to the peer's count.
 */
public final class Routing {

    private static final Map<String, String> LEAD_BY_CATEGORY_PREFIX =
            Map.of(
                    "01", "ZHZF",
                    "02", "ZJJ",
                    "03", "SCJG",
                    "04", "SW",
                    "05", "HB");

    public String leadDepartment(String category) {
        return LEAD_BY_CATEGORY_PREFIX.getOrDefault(category.substring(0, 2), "ZHZF");
    }
}
