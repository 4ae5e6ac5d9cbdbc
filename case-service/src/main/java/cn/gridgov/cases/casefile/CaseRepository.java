package cn.gridgov.cases.casefile;

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

    public Uni<String> nextNumber(int year) {
        return getSession().chain(session -> session
                .createNativeQuery("select next_case_number(:year)", String.class)
                .setParameter("year", year)
                .getSingleResult());
    }
}
