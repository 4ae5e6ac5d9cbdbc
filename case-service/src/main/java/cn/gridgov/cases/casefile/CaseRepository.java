package cn.gridgov.cases.casefile;

import cn.gridgov.kit.ids.CaseRef;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.UUID;

@ApplicationScoped
public class CaseRepository implements PanacheRepositoryBase<Case, UUID> {

    public Uni<Case> findByReportId(UUID reportId) {
        return find("reportId", reportId).firstResult();
    }

    public Uni<Case> findByNumber(String number) {
        return find("number", number).firstResult();
    }

    /**
     * The case a path names by its number or id; a malformed reference is a 400, an unknown one a
     * 404.
     */
    public Uni<Case> byRef(String ref) {
        return byRef("case", ref);
    }

    /** The same for a reference given in the named field of a body or query. */
    public Uni<Case> byRef(String parameter, String text) {
        var ref = CaseRef.parse(parameter, text);
        var found = ref.isId() ? findById(ref.id()) : findByNumber(ref.number());
        return found.onItem()
                .ifNull()
                .failWith(
                        () ->
                                new Problem(
                                        Problem.Kind.NOT_FOUND,
                                        "CASE_NOT_FOUND",
                                        parameter,
                                        "no case " + ref));
    }
}
