package cn.gridgov.dispatch.routing;

/** A request about dispatch that cannot be carried out, with the field at fault; the REST layer maps it to a 4xx. */
public class DispatchProblem extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT, UNPROCESSABLE, UNAVAILABLE }

    private final Kind kind;
    private final String code;
    private final String field;

    public DispatchProblem(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    public String field() { return field; }
}
