package cn.gridgov.dispatch.routing;

/** Whose matter it is (福田: districts handle legal persons, streets natural persons). */
public enum SubjectType {
    NATURAL_PERSON,
    LEGAL_PERSON;

    /** Tolerant: anything else (or nothing) is an unknown subject type. */
    public static SubjectType parse(String text) {
        for (var value : values()) {
            if (value.name().equals(text)) {
                return value;
            }
        }
        return null;
    }
}
