package cn.gridgov.cases.workflow;

import cn.gridgov.cases.casefile.Case;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Who reported each case; merging a duplicate moves its reporters to the case it joins. */
@ApplicationScoped
public class ReporterDirectory {

    /** Adds the case's own reporter; written with the case when the transaction flushes. */
    public Uni<Void> add(Case c, Instant at) {
        var reporter = new CaseReporter();
        reporter.reportId = c.reportId;
        reporter.caseId = c.id;
        reporter.source = c.source.name();
        reporter.reporterId = c.reporterId;
        reporter.addedAt = at;
        return Panache.getSession().chain(session -> session.persist(reporter));
    }

    /** The merged case's reporters become reporters of the case it was merged into. */
    public Uni<Void> moveAll(UUID from, UUID to) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "update case_reporter set case_id = :to where case_id = :from")
                                        .setParameter("to", to)
                                        .setParameter("from", from)
                                        .executeUpdate()
                                        .replaceWithVoid());
    }

    /*
     * Reads go through HQL and the entity, not native SQL with a result class: Hibernate keys a native
     * query's plan by a result mapping it builds anew for each query and compares by identity, so
     * every run added one more entry under the same hash, and each lookup then walked them all
     * (a quarter of case-service's CPU on commands went there once the cache had filled).
     */

    public Uni<List<UUID>> reportIdsOf(UUID caseId) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createSelectionQuery(
                                                "select r.reportId from CaseReporter r where r.caseId = :id order by r.addedAt",
                                                UUID.class)
                                        .setParameter("id", caseId)
                                        .getResultList());
    }

    /** The case a report now belongs to: its own, or the one it was merged into. */
    public Uni<UUID> caseOfReport(UUID reportId) {
        return Panache.getSession()
                .chain(session -> session.find(CaseReporter.class, reportId))
                .map(reporter -> reporter == null ? null : reporter.caseId);
    }
}
