package cn.gridgov.cases.casefile;

/** Who is acting: recorded on every command and every timeline entry. */
public record Actor(String staffId, Role role, String departmentCode) {

    public static final Actor SYSTEM = new Actor(null, Role.SYSTEM, null);

    public static Actor dispatchService(String departmentCode) {
        return new Actor("dispatch-service", Role.SYSTEM, departmentCode);
    }
}
