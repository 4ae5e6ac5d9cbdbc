package cn.gridgov.grid.common;

import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Map;

/**
 * Checks that codes a request names exist, so a reference to a missing area, zone or department is
 * a 400 naming the field and the code, not a foreign-key error from the database.
 */
@ApplicationScoped
public class KnownCodes {

    public enum Table {
        AREA,
        ZONE,
        DEPARTMENT
    }

    private static final Map<Table, String> QUERIES =
            Map.of(
                    Table.AREA, "select code from grid_area where code in (:codes)",
                    Table.ZONE, "select code from enforcement_zone where code in (:codes)",
                    Table.DEPARTMENT, "select code from department where code in (:codes)");

    /**
     * Fails with a 400 on the first code (in request order) that does not exist, naming {@code
     * field[i]}.
     */
    public Uni<Void> require(Table table, String field, List<String> codes) {
        return firstMissing(table, codes)
                .invoke(
                        index -> {
                            if (index >= 0) {
                                throw Problem.invalid(
                                        "UNKNOWN_" + table.name(),
                                        field + "[" + index + "]",
                                        "no "
                                                + table.name().toLowerCase(java.util.Locale.ROOT)
                                                + " with code "
                                                + codes.get(index));
                            }
                        })
                .replaceWithVoid();
    }

    /**
     * The index of the first code (in the given order) that does not exist, or -1 when all do;
     * nulls are skipped.
     */
    public Uni<Integer> firstMissing(Table table, List<String> codes) {
        var named =
                codes == null
                        ? List.<String>of()
                        : codes.stream().filter(java.util.Objects::nonNull).distinct().toList();
        if (named.isEmpty()) {
            return Uni.createFrom().item(-1);
        }
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(QUERIES.get(table), String.class)
                                        .setParameter("codes", named)
                                        .getResultList())
                .map(
                        found -> {
                            var known = new HashSet<>(found);
                            for (int i = 0; i < codes.size(); i++) {
                                if (codes.get(i) != null && !known.contains(codes.get(i))) {
                                    return i;
                                }
                            }
                            return -1;
                        });
    }
}
