package cn.gridgov.grid.common;

/**
 * A request that cannot be carried out, with a stable code and the field at fault. The REST layer
 * maps it to a JSON error body with the status its kind calls for.
 */
public class Problem extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, TOO_LARGE }

    private final Kind kind;
    private final String code;
    private final String field;

    public Problem(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    public String field() { return field; }

    public static Problem invalid(String code, String field, String message) {
        return new Problem(Kind.INVALID, code, field, message);
    }

    public static Problem notFound(String code, String field, String message) {
        return new Problem(Kind.NOT_FOUND, code, field, message);
    }

    public static Problem conflict(String code, String field, String message) {
        return new Problem(Kind.CONFLICT, code, field, message);
    }
}
