package cn.gridgov.cases.casefile;

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

    /** A case by its number (2026-000123) or its id; fails with 404 when there is none. */
    public Uni<Case> byRef(String ref) {
        UUID id = null;
        try {
            id = UUID.fromString(ref);
        } catch (IllegalArgumentException notAnId) {
            // a case number
        }
        var found = id != null ? findById(id) : findByNumber(ref);
        return found.onItem().ifNull().failWith(() -> new Problem(Problem.Kind.NOT_FOUND, "CASE_NOT_FOUND",
                null, "no case " + ref));
    }
}
