package cn.gridgov.dispatch.whistle;

/** 日常哨 routine, 攻坚哨 hard case, 应急哨 emergency; each has its own report-for-duty deadline. */
public enum WhistleKind {
    ROUTINE,
    HARD_CASE,
    EMERGENCY
}
