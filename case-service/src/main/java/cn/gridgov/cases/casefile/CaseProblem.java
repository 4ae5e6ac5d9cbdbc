package cn.gridgov.cases.casefile;

/** A request about cases that cannot be carried out, with the field at fault; the REST layer maps it to a 4xx. */
public class CaseProblem extends RuntimeException {

    public enum Kind { INVALID, FORBIDDEN, NOT_FOUND, CONFLICT, TOO_LARGE, UNSUPPORTED, UNPROCESSABLE }

    private final Kind kind;
    private final String code;
    private final String field;

    public CaseProblem(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    public String field() { return field; }
}
