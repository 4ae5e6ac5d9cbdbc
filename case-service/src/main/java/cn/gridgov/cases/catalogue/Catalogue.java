package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.StepClock;
import cn.gridgov.cases.casefile.Urgency;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The catalogue as the workflow reads it: categories, time limits and the working calendar, held in
 * memory and reloaded from the database after every edit (and periodically, for replicas).
 */
@ApplicationScoped
public class Catalogue {

    private record Snapshot(
            Map<String, Category> categories,
            Map<String, TimeLimit> limits,
            WorkingCalendar calendar,
            Map<String, List<CategoryAttribute>> attributes) {}

    private final ZoneId zone;
    private final List<WorkingCalendar.Period> officeHours;
    private final AtomicReference<Snapshot> current = new AtomicReference<>();

    public Catalogue(CalendarConfig config) {
        this.zone = config.zone();
        this.officeHours =
                config.officeHours().stream()
                        .map(String::trim)
                        .map(WorkingCalendar.Period::parse)
                        .toList();
    }

    /** Reads the catalogue from the database; call within a session. */
    public Uni<Void> reload() {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createQuery("from Category", Category.class)
                                        .getResultList()
                                        .chain(
                                                categories ->
                                                        session.createQuery(
                                                                        "from CategoryTimeLimit",
                                                                        CategoryTimeLimit.class)
                                                                .getResultList()
                                                                .chain(
                                                                        limits ->
                                                                                session.createQuery(
                                                                                                "from CalendarDay",
                                                                                                CalendarDay
                                                                                                        .class)
                                                                                        .getResultList()
                                                                                        .chain(
                                                                                                days ->
                                                                                                        session.createQuery(
                                                                                                                        "from CategoryAttribute order by categoryCode, position",
                                                                                                                        CategoryAttribute
                                                                                                                                .class)
                                                                                                                .getResultList()
                                                                                                                .map(
                                                                                                                        attributes ->
                                                                                                                                snapshot(
                                                                                                                                        categories,
                                                                                                                                        limits,
                                                                                                                                        days,
                                                                                                                                        attributes))))))
                .invoke(current::set)
                .replaceWithVoid();
    }

    private Snapshot snapshot(
            List<Category> categories,
            List<CategoryTimeLimit> limits,
            List<CalendarDay> days,
            List<CategoryAttribute> attributes) {
        var limitMap = new HashMap<String, TimeLimit>();
        limits.forEach(l -> limitMap.put(key(l.categoryCode, l.urgency, l.step), l.limit()));
        var exceptions = days.stream().collect(Collectors.toMap(d -> d.day, d -> d.working));
        return new Snapshot(
                categories.stream().collect(Collectors.toMap(c -> c.code, Function.identity())),
                limitMap,
                new WorkingCalendar(zone, officeHours, exceptions),
                attributes.stream().collect(Collectors.groupingBy(a -> a.categoryCode)));
    }

    private Snapshot snapshot() {
        var snapshot = current.get();
        if (snapshot == null) {
            throw new IllegalStateException("the catalogue has not been loaded yet");
        }
        return snapshot;
    }

    public Optional<Category> category(String code) {
        return Optional.ofNullable(snapshot().categories().get(code));
    }

    /**
     * What the item's collection standard asks for beyond the description, in order; empty when
     * nothing.
     */
    public List<CategoryAttribute> attributes(String code) {
        return snapshot().attributes().getOrDefault(code, List.of());
    }

    public WorkingCalendar calendar() {
        return snapshot().calendar();
    }

    public TimeLimit limit(String category, Urgency urgency, Step step) {
        var limit = snapshot().limits().get(key(category, urgency, step));
        if (limit == null) {
            throw new IllegalStateException(
                    "no time limit for " + category + " " + urgency + " " + step);
        }
        return limit;
    }

    /** The clock of a step that starts now: due when its limit runs out, yellow at 80% of it. */
    public StepClock clock(String category, Urgency urgency, Step step, Instant now) {
        if (step == null) {
            return StepClock.none(now);
        }
        var limit = limit(category, urgency, step);
        var calendar = calendar();
        return new StepClock(
                step, now, calendar.deadline(now, limit.times(0.8)), calendar.deadline(now, limit));
    }

    private static String key(String category, Urgency urgency, Step step) {
        return category + '|' + urgency + '|' + step;
    }
}
