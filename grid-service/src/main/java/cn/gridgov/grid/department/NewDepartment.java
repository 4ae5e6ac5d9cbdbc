package cn.gridgov.grid.department;

import java.util.List;

/** A department to create or the new state of one to update. */
public record NewDepartment(
        String code,
        String name,
        DepartmentLevel level,
        List<String> responsibilities,
        List<String> jurisdiction,
        List<String> zones) {}
