package cn.gridgov.grid.area;

/**
 * A request about areas that cannot be carried out, with the field at fault. Mapped to a 4xx
 * JSON body by the REST layer.
 */
public class AreaProblem extends RuntimeException {

    public enum Kind { INVALID, NOT_FOUND, CONFLICT }

    private final Kind kind;
    private final String code;
    private final String field;

    public AreaProblem(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() { return kind; }

    public String code() { return code; }

    public String field() { return field; }
}
