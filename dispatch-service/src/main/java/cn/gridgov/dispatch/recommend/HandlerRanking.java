package cn.gridgov.dispatch.recommend;

import cn.gridgov.dispatch.organisation.Place;
import cn.gridgov.dispatch.routing.RoutingMode;
import cn.gridgov.dispatch.whistle.Distance;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Ranks the people who could handle a case, as a pure function: points for holding a post where the
 * case is (or belonging to the department it was routed to), for being near, against open work;
 * nearness counts double when the step's deadline is close or the case is urgent. Every point comes
 * with a sentence saying why.
 */
public final class HandlerRanking {

    static final int TOP = 3;
    static final double NEAR_WITHIN_METERS = 3000;
    static final Duration TIGHT_DEADLINE = Duration.ofHours(1);
    static final Duration STALE_LOCATION = Duration.ofHours(2);
    static final Set<String> GRID_POSTS = Set.of("GRID_CHIEF", "GRID_WORKER", "PATROLLER");

    /** What the ranking needs to know about the case. */
    public record CaseFacts(
            double longitude,
            double latitude,
            Place place,
            RoutingMode mode,
            String leadDepartment,
            List<String> coHandlers,
            Instant dueAt,
            boolean urgent) {}

    public record Recommendation(
            String staffId,
            String name,
            String departmentCode,
            int score,
            double distanceMeters,
            int openCases,
            List<String> reasons) {}

    private HandlerRanking() {}

    public static List<Recommendation> rank(
            CaseFacts facts,
            List<Candidate> candidates,
            Map<String, Integer> openCases,
            Instant now) {
        return candidates.stream()
                .filter(Candidate::onDuty)
                .map(
                        candidate ->
                                score(
                                        facts,
                                        candidate,
                                        openCases.getOrDefault(candidate.staffId(), 0),
                                        now))
                .sorted(
                        Comparator.comparingInt(Recommendation::score)
                                .reversed()
                                .thenComparingDouble(Recommendation::distanceMeters)
                                .thenComparing(Recommendation::staffId))
                .limit(TOP)
                .toList();
    }

    static Recommendation score(CaseFacts facts, Candidate candidate, int open, Instant now) {
        var reasons = new ArrayList<String>();
        int score = jurisdiction(facts, candidate, reasons);

        double distance = distanceOf(facts, candidate);
        boolean tight =
                facts.urgent()
                        || (facts.dueAt() != null
                                && Duration.between(now, facts.dueAt()).compareTo(TIGHT_DEADLINE)
                                        < 0);
        double nearness =
                Double.isInfinite(distance) ? 0 : Math.max(0, 1 - distance / NEAR_WITHIN_METERS);
        int distancePoints = (int) Math.round((tight ? 60 : 30) * nearness);
        boolean stale =
                candidate.locatedAt() != null
                        && Duration.between(candidate.locatedAt(), now).compareTo(STALE_LOCATION)
                                > 0;
        if (stale) {
            distancePoints /= 2;
        }
        if (Double.isInfinite(distance)) {
            reasons.add("no known location");
        } else {
            reasons.add(
                    String.format(
                            Locale.ROOT,
                            "%.0f m from the case (+%d%s%s)",
                            distance,
                            distancePoints,
                            tight ? ", nearness counts double: the deadline is close" : "",
                            stale ? ", halved: location over 2 h old" : ""));
        }
        score += distancePoints;

        int workload = 6 * open;
        reasons.add(
                open == 0
                        ? "no open cases"
                        : open + " open case" + (open == 1 ? "" : "s") + " (-" + workload + ")");
        score -= workload;
        return new Recommendation(
                candidate.staffId(),
                candidate.name(),
                candidate.departmentCode(),
                score,
                Double.isInfinite(distance) ? -1 : Math.round(distance),
                open,
                List.copyOf(reasons));
    }

    /** The command center's posts held in a district: they dispatch there, they do not handle. */
    private static final Set<String> COMMAND_POSTS = Set.of("DISPATCHER", "DUTY_CHIEF");

    private static int jurisdiction(CaseFacts facts, Candidate candidate, List<String> reasons) {
        int best = 0;
        String why = null;
        for (var post : candidate.posts()) {
            // A dispatcher's or duty chief's post is held in the district it serves, which makes
            // nobody its handler.
            if (post.areaCode() == null || COMMAND_POSTS.contains(post.role())) {
                continue;
            }
            int rank = facts.place().rankOf(post.areaCode());
            int points =
                    switch (rank) {
                        case Place.DEDICATED, Place.GRID -> 40;
                        case Place.COMMUNITY -> 30;
                        case Place.ZONE -> 25;
                        case Place.STREET -> 20;
                        case Place.DISTRICT -> 10;
                        default -> 0;
                    };
            if (facts.mode() == RoutingMode.IN_GRID
                    && GRID_POSTS.contains(post.role())
                    && points > 0) {
                // 网格长处置: a case solved in the grid is the grid chief's to handle first.
                points += "GRID_CHIEF".equals(post.role()) ? 10 : 5;
            }
            if (points > best) {
                best = points;
                why = "holds " + post.role() + " in " + post.areaCode() + " (+" + points + ")";
            }
        }
        if (candidate.departmentCode() != null) {
            int points = 0;
            if (candidate.departmentCode().equals(facts.leadDepartment())) {
                points = 35;
                why =
                        points > best
                                ? "staff of the lead department "
                                        + candidate.departmentCode()
                                        + " (+35)"
                                : why;
            } else if (facts.coHandlers().contains(candidate.departmentCode())) {
                points = 20;
                why =
                        points > best
                                ? "staff of co-handler " + candidate.departmentCode() + " (+20)"
                                : why;
            }
            best = Math.max(best, points);
        }
        reasons.add(why != null ? why : "no post or department tied to this case");
        return best;
    }

    private static double distanceOf(CaseFacts facts, Candidate candidate) {
        if (candidate.longitude() != null && candidate.latitude() != null) {
            return Distance.meters(
                    candidate.longitude(),
                    candidate.latitude(),
                    facts.longitude(),
                    facts.latitude());
        }
        return candidate.distanceMeters() != null
                ? candidate.distanceMeters()
                : Double.POSITIVE_INFINITY;
    }
}
