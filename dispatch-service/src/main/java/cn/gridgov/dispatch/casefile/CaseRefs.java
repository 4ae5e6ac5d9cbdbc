package cn.gridgov.dispatch.casefile;

import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A case as an endpoint names it: by its id (a UUID) or by the number people read aloud
 * ({@code 2026-000123}), as everywhere in the system. Anything else is a 400
 * {@value #INVALID_CASE_REFERENCE}; a number no case file carries is a 404 {@value #CASE_NOT_FOUND}.
 * An id is taken as it is: each endpoint says in its own words (404) that it knows nothing of it.
 */
@ApplicationScoped
public class CaseRefs {

    public static final String INVALID_CASE_REFERENCE = "INVALID_CASE_REFERENCE";
    public static final String CASE_NOT_FOUND = "CASE_NOT_FOUND";
    /** case-service's numbers: the year, a dash, six digits or more. */
    static final Pattern NUMBER = Pattern.compile("[0-9]{4}-[0-9]{6,12}");
    private static final Pattern ID = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final Pool pool;

    public CaseRefs(Pool pool) {
        this.pool = pool;
    }

    /** The case's id, from its id or its number. */
    public Uni<UUID> idOf(String ref) {
        if (ref != null && ID.matcher(ref).matches()) {
            return Uni.createFrom().item(UUID.fromString(ref));
        }
        if (ref == null || !NUMBER.matcher(ref).matches()) {
            return Uni.createFrom().failure(invalid(ref));
        }
        return pool.preparedQuery("select case_id from case_file where number = $1").execute(Tuple.of(ref))
                .map(rows -> {
                    var it = rows.iterator();
                    if (!it.hasNext()) {
                        throw Problem.notFound(CASE_NOT_FOUND, "caseRef", "no case " + ref + " is known to dispatch");
                    }
                    return it.next().getUUID("case_id");
                });
    }

    private static Problem invalid(String ref) {
        var shown = ref == null ? "" : ref.length() > 40 ? ref.substring(0, 40) + "…" : ref;
        return Problem.invalid(INVALID_CASE_REFERENCE, "caseRef", "'" + shown + "' names no case: give its number"
                + " (such as 2026-000123) or its id (such as 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d)");
    }

    /** Another id in a path (a whistle's): a UUID, or a 400 naming the field. */
    public static UUID uuid(String text, String field, String code) {
        if (text == null || !ID.matcher(text).matches()) {
            throw Problem.invalid(code, field, field + " must be an id such as 3f2b8c1e-0d4a-4c7e-9b1a-2e5f6a7b8c9d");
        }
        return UUID.fromString(text);
    }
}
