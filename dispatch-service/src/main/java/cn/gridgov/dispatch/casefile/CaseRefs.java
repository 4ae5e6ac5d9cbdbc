package cn.gridgov.dispatch.casefile;

import cn.gridgov.kit.ids.CaseRef;
import cn.gridgov.kit.problem.Problem;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

/**
 * A case as an endpoint names it ({@code {caseRef}}): by its id or by the number people read aloud
 * ({@code 2026-000123}), parsed by the kit's {@link CaseRef} as in every service (anything else is
 * a 400 {@code MALFORMED_CASE_REF}). A number no case file carries is a 404 {@value
 * #CASE_NOT_FOUND}; an id is taken as it is, and each endpoint says in its own words (404) that it
 * knows nothing of it.
 */
@ApplicationScoped
public class CaseRefs {

    public static final String CASE_NOT_FOUND = "CASE_NOT_FOUND";

    private final Pool pool;

    public CaseRefs(Pool pool) {
        this.pool = pool;
    }

    /** The case's id, from its id or its number. */
    public Uni<UUID> idOf(String text) {
        CaseRef ref;
        try {
            ref = CaseRef.parse("caseRef", text);
        } catch (Problem malformed) {
            return Uni.createFrom().failure(malformed);
        }
        if (ref.isId()) {
            return Uni.createFrom().item(ref.id());
        }
        return pool.preparedQuery("select case_id from case_file where number = $1")
                .execute(Tuple.of(ref.number()))
                .map(
                        rows -> {
                            var it = rows.iterator();
                            if (!it.hasNext()) {
                                throw Problem.notFound(
                                        CASE_NOT_FOUND,
                                        "caseRef",
                                        "no case " + ref.number() + " is known to dispatch");
                            }
                            return it.next().getUUID("case_id");
                        });
    }
}
