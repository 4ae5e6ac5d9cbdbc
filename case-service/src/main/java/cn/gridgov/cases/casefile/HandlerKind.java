package cn.gridgov.cases.casefile;

/** Who handles the case: its grid (网格长处置) or a department (部门办理). */
public enum HandlerKind {
    GRID,
    DEPARTMENT
}
