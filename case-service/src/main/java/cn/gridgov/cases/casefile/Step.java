package cn.gridgov.cases.casefile;

/** The steps that have an owner and a time limit (定时, 定责). */
public enum Step {
    VERIFY, ACCEPT, DISPATCH, DEPARTMENT_ACCEPT, HANDLE, CHECK, EVALUATE
}
