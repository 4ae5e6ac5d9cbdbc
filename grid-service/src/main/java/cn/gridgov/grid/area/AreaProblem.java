package cn.gridgov.grid.area;

import cn.gridgov.kit.problem.Problem;

/** A request about areas that cannot be carried out, with the field at fault. */
public class AreaProblem extends Problem {

    public AreaProblem(Kind kind, String code, String field, String message) {
        super(kind, code, field, message);
    }
}
