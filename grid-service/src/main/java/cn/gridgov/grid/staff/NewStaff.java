package cn.gridgov.grid.staff;

import java.util.List;

/** A person to create, or the new state of one to update. */
public record NewStaff(
        String id,
        String name,
        String phone,
        String departmentCode,
        boolean onDuty,
        List<Post> posts) {}
