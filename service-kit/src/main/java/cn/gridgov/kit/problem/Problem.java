package cn.gridgov.kit.problem;

/**
 * A request that cannot be carried out: its kind decides the HTTP status, its code is stable for
 * programs, its message is for people, and its field names what is at fault. The one exception
 * every service throws for a refusal; {@link ErrorMappers} turns it into an {@link ErrorBody}.
 */
public class Problem extends RuntimeException {

    public enum Kind {
        INVALID(400),
        FORBIDDEN(403),
        NOT_FOUND(404),
        CONFLICT(409),
        TOO_LARGE(413),
        UNSUPPORTED(415),
        UNPROCESSABLE(422),
        /**
         * Something this request needs (another service) cannot be reached now; try again later.
         */
        UNAVAILABLE(503);

        final int status;

        Kind(int status) {
            this.status = status;
        }

        public int status() {
            return status;
        }
    }

    private final Kind kind;
    private final String code;
    private final String field;

    public Problem(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    public Kind kind() {
        return kind;
    }

    public String code() {
        return code;
    }

    public String field() {
        return field;
    }

    public static Problem invalid(String code, String field, String message) {
        return new Problem(Kind.INVALID, code, field, message);
    }

    public static Problem notFound(String code, String field, String message) {
        return new Problem(Kind.NOT_FOUND, code, field, message);
    }

    /** The caller may not do this: the code names the rule that refused, the message says why. */
    public static Problem forbidden(String rule, String message) {
        return new Problem(Kind.FORBIDDEN, rule, null, message);
    }

    public static Problem conflict(String code, String field, String message) {
        return new Problem(Kind.CONFLICT, code, field, message);
    }
}
