package cn.gridgov.grid.audit;

/** What grid-service's audit trail records changes of (declared in {@code gridgov.audit.kinds}). */
public final class AuditKinds {

    public static final String AREA = "AREA";
    public static final String DEPARTMENT = "DEPARTMENT";
    public static final String ZONE = "ZONE";
    public static final String STAFF = "STAFF";

    private AuditKinds() {}
}
