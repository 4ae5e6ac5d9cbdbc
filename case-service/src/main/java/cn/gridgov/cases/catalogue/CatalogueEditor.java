package cn.gridgov.cases.catalogue;

import static cn.gridgov.kit.problem.Problem.Kind.INVALID;
import static cn.gridgov.kit.problem.Problem.Kind.NOT_FOUND;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.kit.audit.AuditTrail;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Edits the catalogue and the calendar in the database, each change with its audit entry (who,
 * before, after) in its transaction, then reloads what the workflow reads.
 */
@ApplicationScoped
public class CatalogueEditor {

    /**
     * An item as edited: every field is given, time limits in the catalogue's notation ("2wh",
     * "72h").
     */
    public record ItemEdit(
            String sectionCode,
            String name,
            String registerConditions,
            String closeConditions,
            Urgency defaultUrgency,
            boolean photoRequired,
            boolean active,
            Map<Urgency, Map<Step, String>> timeLimits) {

        /** An item as stored, in the same shape as an edit (for the audit trail's "before"). */
        static ItemEdit of(Category c, List<CategoryTimeLimit> limits) {
            Map<Urgency, Map<Step, String>> byUrgency = new EnumMap<>(Urgency.class);
            limits.forEach(
                    l ->
                            byUrgency
                                    .computeIfAbsent(l.urgency, u -> new TreeMap<>())
                                    .put(l.step, l.limit().toString()));
            return new ItemEdit(
                    c.sectionCode,
                    c.name,
                    c.registerConditions,
                    c.closeConditions,
                    c.defaultUrgency,
                    c.photoRequired,
                    c.active,
                    byUrgency);
        }
    }

    /** A calendar day as the audit trail records it. */
    record DayState(boolean working, String name) {}

    /** What the audit trail records changes of, here. */
    public static final String AUDIT_CATEGORY = "CATEGORY";

    public static final String AUDIT_CALENDAR_DAY = "CALENDAR_DAY";

    private final Catalogue catalogue;
    private final AuditTrail audit;

    public CatalogueEditor(Catalogue catalogue, AuditTrail audit) {
        this.catalogue = catalogue;
        this.audit = audit;
    }

    /** Creates or replaces an item; its time limits must cover every step for every urgency. */
    public Uni<Category> putItem(String code, ItemEdit edit, String actor) {
        var limits = parseLimits(code, edit.timeLimits());
        return Panache.withTransaction(
                        () ->
                                Panache.getSession()
                                        .chain(
                                                session ->
                                                        session.find(
                                                                        Category.class,
                                                                        edit.sectionCode())
                                                                .chain(
                                                                        section -> {
                                                                            if (section == null
                                                                                    || section
                                                                                            .isItem()) {
                                                                                throw new Problem(
                                                                                        INVALID,
                                                                                        "SECTION_UNKNOWN",
                                                                                        "sectionCode",
                                                                                        "section "
                                                                                                + edit
                                                                                                        .sectionCode()
                                                                                                + " is not a section (大类) of the catalogue");
                                                                            }
                                                                            if (!code.startsWith(
                                                                                    section.code)) {
                                                                                throw new Problem(
                                                                                        INVALID,
                                                                                        "CODE_OUTSIDE_SECTION",
                                                                                        "code",
                                                                                        "item code "
                                                                                                + code
                                                                                                + " must start with its section code "
                                                                                                + section.code);
                                                                            }
                                                                            return session.find(
                                                                                    Category.class,
                                                                                    code);
                                                                        })
                                                                .chain(
                                                                        existing ->
                                                                                (existing == null
                                                                                                ? Uni
                                                                                                        .createFrom()
                                                                                                        .<ItemEdit>
                                                                                                                nullItem()
                                                                                                : session.createQuery(
                                                                                                                "from CategoryTimeLimit where categoryCode = :code",
                                                                                                                CategoryTimeLimit
                                                                                                                        .class)
                                                                                                        .setParameter(
                                                                                                                "code",
                                                                                                                code)
                                                                                                        .getResultList()
                                                                                                        .map(
                                                                                                                old ->
                                                                                                                        ItemEdit
                                                                                                                                .of(
                                                                                                                                        existing,
                                                                                                                                        old)))
                                                                                        .chain(
                                                                                                before -> {
                                                                                                    var
                                                                                                            item =
                                                                                                                    existing
                                                                                                                                    != null
                                                                                                                            ? existing
                                                                                                                            : new Category();
                                                                                                    item.code =
                                                                                                            code;
                                                                                                    item.sectionCode =
                                                                                                            edit
                                                                                                                    .sectionCode();
                                                                                                    item.name =
                                                                                                            edit
                                                                                                                    .name();
                                                                                                    item.registerConditions =
                                                                                                            edit
                                                                                                                    .registerConditions();
                                                                                                    item.closeConditions =
                                                                                                            edit
                                                                                                                    .closeConditions();
                                                                                                    item.defaultUrgency =
                                                                                                            edit
                                                                                                                    .defaultUrgency();
                                                                                                    item.photoRequired =
                                                                                                            edit
                                                                                                                    .photoRequired();
                                                                                                    item.active =
                                                                                                            edit
                                                                                                                    .active();
                                                                                                    var
                                                                                                            save =
                                                                                                                    existing
                                                                                                                                    != null
                                                                                                                            ? Uni
                                                                                                                                    .createFrom()
                                                                                                                                    .item(
                                                                                                                                            item)
                                                                                                                            : session.persist(
                                                                                                                                            item)
                                                                                                                                    .replaceWith(
                                                                                                                                            item);
                                                                                                    return save.call(
                                                                                                                    () ->
                                                                                                                            session.createMutationQuery(
                                                                                                                                            "delete from CategoryTimeLimit where categoryCode = :code")
                                                                                                                                    .setParameter(
                                                                                                                                            "code",
                                                                                                                                            code)
                                                                                                                                    .executeUpdate())
                                                                                                            .call(
                                                                                                                    () ->
                                                                                                                            session
                                                                                                                                    .persistAll(
                                                                                                                                            limits
                                                                                                                                                    .toArray()))
                                                                                                            .call(
                                                                                                                    () ->
                                                                                                                            audit
                                                                                                                                    .record(
                                                                                                                                            actor,
                                                                                                                                            AUDIT_CATEGORY,
                                                                                                                                            code,
                                                                                                                                            before
                                                                                                                                                            == null
                                                                                                                                                    ? "CREATE"
                                                                                                                                                    : "UPDATE",
                                                                                                                                            before,
                                                                                                                                            edit));
                                                                                                }))))
                .call(() -> Panache.withSession(catalogue::reload));
    }

    public Uni<CalendarDay> putDay(LocalDate day, boolean working, String name, String actor) {
        return Panache.withTransaction(
                        () ->
                                Panache.getSession()
                                        .chain(
                                                session ->
                                                        session.find(CalendarDay.class, day)
                                                                .chain(
                                                                        existing -> {
                                                                            var before =
                                                                                    existing == null
                                                                                            ? null
                                                                                            : new DayState(
                                                                                                    existing.working,
                                                                                                    existing.name);
                                                                            var d =
                                                                                    existing != null
                                                                                            ? existing
                                                                                            : new CalendarDay();
                                                                            d.day = day;
                                                                            d.working = working;
                                                                            d.name = name;
                                                                            return (existing != null
                                                                                            ? Uni
                                                                                                    .createFrom()
                                                                                                    .item(
                                                                                                            d)
                                                                                            : session.persist(
                                                                                                            d)
                                                                                                    .replaceWith(
                                                                                                            d))
                                                                                    .call(
                                                                                            () ->
                                                                                                    audit
                                                                                                            .record(
                                                                                                                    actor,
                                                                                                                    AUDIT_CALENDAR_DAY,
                                                                                                                    day
                                                                                                                            .toString(),
                                                                                                                    before
                                                                                                                                    == null
                                                                                                                            ? "CREATE"
                                                                                                                            : "UPDATE",
                                                                                                                    before,
                                                                                                                    new DayState(
                                                                                                                            working,
                                                                                                                            name)));
                                                                        })))
                .call(() -> Panache.withSession(catalogue::reload));
    }

    public Uni<Void> removeDay(LocalDate day, String actor) {
        return Panache.withTransaction(
                        () ->
                                Panache.getSession()
                                        .chain(
                                                session ->
                                                        session.find(CalendarDay.class, day)
                                                                .chain(
                                                                        existing -> {
                                                                            if (existing == null) {
                                                                                throw new Problem(
                                                                                        NOT_FOUND,
                                                                                        "DAY_NOT_FOUND",
                                                                                        "day",
                                                                                        day
                                                                                                + " is an ordinary day already");
                                                                            }
                                                                            var before =
                                                                                    new DayState(
                                                                                            existing.working,
                                                                                            existing.name);
                                                                            return session.remove(
                                                                                            existing)
                                                                                    .call(
                                                                                            () ->
                                                                                                    audit
                                                                                                            .record(
                                                                                                                    actor,
                                                                                                                    AUDIT_CALENDAR_DAY,
                                                                                                                    day
                                                                                                                            .toString(),
                                                                                                                    "DELETE",
                                                                                                                    before,
                                                                                                                    null));
                                                                        })))
                .call(() -> Panache.withSession(catalogue::reload));
    }

    private static List<CategoryTimeLimit> parseLimits(
            String code, Map<Urgency, Map<Step, String>> given) {
        var rows = new ArrayList<CategoryTimeLimit>();
        for (var urgency : Urgency.values()) {
            for (var step : Step.fromCatalogue()) {
                var notation =
                        given == null ? null : given.getOrDefault(urgency, Map.of()).get(step);
                if (notation == null) {
                    throw new Problem(
                            INVALID,
                            "TIME_LIMIT_MISSING",
                            "timeLimits." + urgency + "." + step,
                            "every step needs a time limit for every urgency; "
                                    + urgency
                                    + " "
                                    + step
                                    + " is missing");
                }
                TimeLimit limit;
                try {
                    limit = TimeLimit.parse(notation);
                } catch (IllegalArgumentException e) {
                    throw new Problem(
                            INVALID,
                            "TIME_LIMIT_UNREADABLE",
                            "timeLimits." + urgency + "." + step,
                            e.getMessage());
                }
                var row = new CategoryTimeLimit();
                row.categoryCode = code;
                row.urgency = urgency;
                row.step = step;
                row.hours = BigDecimal.valueOf(limit.hours());
                row.workingTime = limit.workingTime();
                rows.add(row);
            }
        }
        return rows;
    }
}
