package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.timeline.TimelineEntry;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * 跟踪督办 as the case itself has seen it, from its timeline: its supervision level now, how often it
 * was urged (催办, by the clock or by a person) and supervised (督办), the whistles blown for it and
 * still open, the departments escalated for not reporting on site, and when any of it last
 * happened. dispatch-service drives the clocks and whistles; the case keeps the record.
 */
public record SupervisionView(
        int level,
        long urged,
        long supervised,
        long whistles,
        long whistlesOpen,
        long escalations,
        Instant lastAt) {

    static final String URGED = "URGED";
    static final String SUPERVISED = "SUPERVISED";
    private static final String WHISTLE_BLOWN = "WHISTLE_BLOWN";
    private static final String WHISTLE_CLOSED = "WHISTLE_CLOSED";
    private static final String ESCALATED = "ESCALATED";
    private static final Set<String> SUPERVISION =
            Set.of(
                    URGED,
                    SUPERVISED,
                    WHISTLE_BLOWN,
                    WHISTLE_CLOSED,
                    ESCALATED,
                    "REPORTED_FOR_DUTY");

    static SupervisionView of(Case c, List<TimelineEntry> entries) {
        long urged = 0;
        long supervised = 0;
        long blown = 0;
        long closed = 0;
        long escalations = 0;
        Instant last = null;
        for (var e : entries) {
            switch (e.action) {
                case URGED -> urged++;
                case SUPERVISED -> supervised++;
                case WHISTLE_BLOWN -> blown++;
                case WHISTLE_CLOSED -> closed++;
                case ESCALATED -> escalations++;
                default -> {}
            }
            if (SUPERVISION.contains(e.action) && (last == null || e.at.isAfter(last))) {
                last = e.at;
            }
        }
        return new SupervisionView(
                c.supervisionLevel,
                urged,
                supervised,
                blown,
                Math.max(0, blown - closed),
                escalations,
                last);
    }
}
