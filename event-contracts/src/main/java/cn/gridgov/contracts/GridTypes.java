package cn.gridgov.contracts;

import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.AreaImportApplied;
import cn.gridgov.contracts.grid.AreaRemoved;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.contracts.grid.StaffChanged;
import cn.gridgov.contracts.grid.StaffLocation;
import java.util.List;

/**
 * grid-service's events on {@link Topics#GRID_EVENTS} (key = area code, staff id, department code,
 * import version), each the whole current representation of what changed, and the phones' pings on
 * {@link Topics#STAFF_LOCATIONS} that grid-service reads (key = staff id).
 */
public final class GridTypes {

    public static final EventType<AreaChanged> AREA_CHANGED =
            new EventType<>("grid.area-changed", Topics.GRID_EVENTS, AreaChanged.class, 2);
    public static final EventType<AreaRemoved> AREA_REMOVED =
            new EventType<>("grid.area-removed", Topics.GRID_EVENTS, AreaRemoved.class, 1);

    /** Key = {@code import-<version>}. */
    public static final EventType<AreaImportApplied> AREA_IMPORT_APPLIED =
            new EventType<>(
                    "grid.area-import-applied", Topics.GRID_EVENTS, AreaImportApplied.class, 1);

    public static final EventType<StaffChanged> STAFF_CHANGED =
            new EventType<>("grid.staff-changed", Topics.GRID_EVENTS, StaffChanged.class, 2);
    public static final EventType<DepartmentChanged> DEPARTMENT_CHANGED =
            new EventType<>(
                    "grid.department-changed", Topics.GRID_EVENTS, DepartmentChanged.class, 2);
    public static final EventType<StaffLocation> STAFF_LOCATION =
            new EventType<>("staff.location", Topics.STAFF_LOCATIONS, StaffLocation.class, 2);

    public static final List<EventType<?>> ALL =
            List.of(
                    AREA_CHANGED,
                    AREA_REMOVED,
                    AREA_IMPORT_APPLIED,
                    STAFF_CHANGED,
                    DEPARTMENT_CHANGED,
                    STAFF_LOCATION);

    private GridTypes() {}
}
