package cn.gridgov.dispatch.access;

import cn.gridgov.dispatch.casefile.CaseFile;
import cn.gridgov.dispatch.casefile.CaseFiles;
import cn.gridgov.dispatch.organisation.Organisation;
import cn.gridgov.dispatch.routing.RoutingDecision;
import cn.gridgov.dispatch.routing.RoutingService;
import cn.gridgov.dispatch.routing.RoutingTables;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Where a case lies and whom it is with, as this service knows it (case-service's last snapshot,
 * this service's routing decision, grid-service's area tree): what {@link DispatchPolicy} weighs a
 * command or a read of one case by.
 */
@ApplicationScoped
public class CaseSites {

    /**
     * A case's number, every area it lies in (its grid, the dedicated grids over it, every area
     * above them) and the departments it is with (its handler, its routed lead and co-handlers,
     * those its whistles summoned).
     */
    public record CaseSite(String number, Set<String> areas, Set<String> departments) {

        public CaseSite {
            areas = Set.copyOf(areas);
            departments = Set.copyOf(departments);
        }
    }

    private final CaseFiles files;
    private final RoutingService routing;
    private final RoutingTables tables;

    public CaseSites(CaseFiles files, RoutingService routing, RoutingTables tables) {
        this.files = files;
        this.routing = routing;
        this.tables = tables;
    }

    /** The case's site; null when this service knows nothing of the case (the operation's 404). */
    public Uni<CaseSite> of(UUID caseId) {
        return Panache.withSession(
                () ->
                        files.findById(caseId)
                                .chain(
                                        file ->
                                                routing.decisionFor(caseId)
                                                        .chain(
                                                                decision ->
                                                                        file == null
                                                                                        && decision
                                                                                                == null
                                                                                ? Uni.createFrom()
                                                                                        .<CaseSite>
                                                                                                nullItem()
                                                                                : summonedTo(caseId)
                                                                                        .chain(
                                                                                                summoned ->
                                                                                                        tables.current()
                                                                                                                .map(
                                                                                                                        t ->
                                                                                                                                site(
                                                                                                                                        caseId,
                                                                                                                                        file,
                                                                                                                                        decision,
                                                                                                                                        summoned,
                                                                                                                                        t
                                                                                                                                                .organisation()))))));
    }

    /** The departments the case's whistles summoned (吹哨报到): they read the case too. */
    private static Uni<List<String>> summonedTo(UUID caseId) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select distinct s.department_code from whistle_summons s"
                                                        + " join whistle w on w.id = s.whistle_id where w.case_id = :caseId",
                                                String.class)
                                        .setParameter("caseId", caseId)
                                        .getResultList());
    }

    private static CaseSite site(
            UUID caseId,
            CaseFile file,
            RoutingDecision decision,
            List<String> summoned,
            Organisation org) {
        var grid = file != null && file.gridCode != null ? file.gridCode : gridOf(decision);
        List<String> dedicated = file == null ? List.of() : file.dedicatedGrids();
        var departments = new LinkedHashSet<String>();
        if (file != null && file.handlerDepartment != null) {
            departments.add(file.handlerDepartment);
        }
        if (decision != null) {
            if (decision.departmentCode != null) {
                departments.add(decision.departmentCode);
            }
            departments.addAll(decision.coHandlerCodes());
        }
        departments.addAll(summoned);
        var number =
                file != null && file.number != null
                        ? file.number
                        : decision != null && decision.caseNumber != null
                                ? decision.caseNumber
                                : caseId.toString();
        return new CaseSite(number, org.placeOf(grid, dedicated).codes(), departments);
    }

    private static String gridOf(RoutingDecision decision) {
        return decision == null ? null : decision.gridCode;
    }
}
