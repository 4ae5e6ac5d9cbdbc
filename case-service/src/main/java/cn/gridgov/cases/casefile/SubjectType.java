package cn.gridgov.cases.casefile;

/** Whom the matter concerns; decides between district and street departments (福田). */
public enum SubjectType {
    NATURAL_PERSON,
    LEGAL_PERSON
}
