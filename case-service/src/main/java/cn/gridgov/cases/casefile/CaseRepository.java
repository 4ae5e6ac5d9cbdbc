package cn.gridgov.cases.casefile;

import cn.gridgov.kit.ids.CaseRef;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
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

    /**
     * The cases whose timeline names this photo (a report's or a result's evidence); none for a
     * photo uploaded and not yet named. Through the timeline's photo index (V20).
     */
    public Uni<List<Case>> namingPhoto(UUID photoId) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                        select * from cases where id in (
                            select case_id from case_timeline
                            where photo_ids <> '' and string_to_array(photo_ids, ',') @> array[cast(:photo as text)])""",
                                                Case.class)
                                        .setParameter("photo", photoId.toString())
                                        .getResultList());
    }
}
