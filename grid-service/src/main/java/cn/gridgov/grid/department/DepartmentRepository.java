package cn.gridgov.grid.department;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Departments: the main row through Panache, the three lists through SQL in the same session, so
 * one transaction covers a department and its lists.
 */
@ApplicationScoped
public class DepartmentRepository implements PanacheRepositoryBase<Department, String> {

    private static final Map<String, String> LISTS =
            Map.of(
                    "department_responsibility", "category_prefix",
                    "department_jurisdiction", "area_code",
                    "department_zone", "zone_code");

    public Uni<List<DepartmentView>> views(List<Department> departments) {
        if (departments.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        var codes = departments.stream().map(d -> d.code).toList();
        return listOf("department_responsibility", codes)
                .chain(
                        responsibilities ->
                                listOf("department_jurisdiction", codes)
                                        .chain(
                                                jurisdiction ->
                                                        listOf("department_zone", codes)
                                                                .map(
                                                                        zones ->
                                                                                departments.stream()
                                                                                        .sorted(
                                                                                                Comparator
                                                                                                        .comparing(
                                                                                                                d ->
                                                                                                                        d.code))
                                                                                        .map(
                                                                                                d ->
                                                                                                        new DepartmentView(
                                                                                                                d.code,
                                                                                                                d.name,
                                                                                                                d.level,
                                                                                                                responsibilities
                                                                                                                        .getOrDefault(
                                                                                                                                d.code,
                                                                                                                                List
                                                                                                                                        .of()),
                                                                                                                jurisdiction
                                                                                                                        .getOrDefault(
                                                                                                                                d.code,
                                                                                                                                List
                                                                                                                                        .of()),
                                                                                                                zones
                                                                                                                        .getOrDefault(
                                                                                                                                d.code,
                                                                                                                                List
                                                                                                                                        .of())))
                                                                                        .toList())));
    }

    public Uni<List<Responsibility>> responsibleFor(String category, List<String> areas) {
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                                with recursive up (code, parent_code) as (
                                    select code, parent_code from grid_area where code in (:areas)
                                    union
                                    select p.code, p.parent_code from grid_area p join up on p.code = up.parent_code)
                                select distinct on (d.code) d.code, d.name, d.level, r.category_prefix, j.area_code
                                from department d
                                join department_responsibility r on r.department_code = d.code
                                join department_jurisdiction j on j.department_code = d.code
                                where :category like r.category_prefix || '%'
                                  and j.area_code in (select code from up)
                                order by d.code, length(r.category_prefix) desc, j.area_code""",
                                                Object[].class)
                                        .setParameter("areas", areas)
                                        .setParameter("category", category)
                                        .getResultList())
                .map(
                        rows ->
                                rows.stream()
                                        .map(
                                                row ->
                                                        new Responsibility(
                                                                (String) row[0],
                                                                (String) row[1],
                                                                DepartmentLevel.valueOf(
                                                                        (String) row[2]),
                                                                (String) row[3],
                                                                (String) row[4]))
                                        .sorted(
                                                Comparator.comparing(
                                                                (Responsibility r) ->
                                                                        -r.matchedPrefix().length())
                                                        .thenComparing(
                                                                r ->
                                                                        r.level()
                                                                                        == DepartmentLevel
                                                                                                .STREET
                                                                                ? 0
                                                                                : 1)
                                                        .thenComparing(Responsibility::code))
                                        .toList());
    }

    public Uni<DepartmentView> view(Department department) {
        return views(List.of(department)).map(list -> list.get(0));
    }

    /** Replaces the three lists of a department by the given ones. */
    public Uni<Void> replaceLists(NewDepartment department) {
        return replace(
                        "department_responsibility",
                        department.code(),
                        department.responsibilities())
                .chain(
                        () ->
                                replace(
                                        "department_jurisdiction",
                                        department.code(),
                                        department.jurisdiction()))
                .chain(() -> replace("department_zone", department.code(), department.zones()));
    }

    private Uni<Void> replace(String table, String code, List<String> values) {
        var column = LISTS.get(table);
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "delete from "
                                                        + table
                                                        + " where department_code = :code")
                                        .setParameter("code", code)
                                        .executeUpdate())
                .chain(() -> insertEach(table, column, code, values));
    }

    private Uni<Void> insertEach(String table, String column, String code, List<String> values) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (var value : values) {
            chain =
                    chain.chain(
                            () ->
                                    getSession()
                                            .chain(
                                                    session ->
                                                            session.createNativeQuery(
                                                                            "insert into "
                                                                                    + table
                                                                                    + " (department_code, "
                                                                                    + column
                                                                                    + ") values (:code, :value)")
                                                                    .setParameter("code", code)
                                                                    .setParameter("value", value)
                                                                    .executeUpdate())
                                            .replaceWithVoid());
        }
        return chain;
    }

    private Uni<Map<String, List<String>>> listOf(String table, List<String> codes) {
        var column = LISTS.get(table);
        return getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select department_code, "
                                                        + column
                                                        + " from "
                                                        + table
                                                        + " where department_code in (:codes) order by 1, 2",
                                                Object[].class)
                                        .setParameter("codes", codes)
                                        .getResultList())
                .map(
                        rows -> {
                            Map<String, List<String>> byDepartment = new TreeMap<>();
                            for (var row : rows) {
                                byDepartment
                                        .computeIfAbsent((String) row[0], k -> new ArrayList<>())
                                        .add((String) row[1]);
                            }
                            return byDepartment;
                        });
    }
}
