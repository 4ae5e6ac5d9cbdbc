package cn.gridgov.dispatch.rest;

import cn.gridgov.dispatch.organisation.Department;

/** A department a dispatcher can hand a case to, as the routing tables know it. */
public record DepartmentView(String code, String name, String level) {

    static DepartmentView of(Department d) {
        return new DepartmentView(d.code, d.name, d.level);
    }
}
