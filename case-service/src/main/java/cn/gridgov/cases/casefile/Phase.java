package cn.gridgov.cases.casefile;

/**
 * The eight steps of the closed loop (八步闭环), as people name them; each status says which one the
 * case has reached.
 */
public enum Phase {
    REPORT("采集上报"),
    VERIFY("信息核实"),
    ACCEPT("确认受理"),
    ROUTE("分流交办"),
    TRACK("跟踪督办"),
    FEEDBACK("结果反馈"),
    CHECK("核查结案"),
    EVALUATE("考核评价");

    private final String label;

    Phase(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
