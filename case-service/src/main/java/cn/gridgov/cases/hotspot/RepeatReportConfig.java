package cn.gridgov.cases.hotspot;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What counts as the same problem reported again: hotspots (三天三单) and recurrences after closing.
 */
@ConfigMapping(prefix = "gridgov.repeat-reports")
public interface RepeatReportConfig {

    /**
     * Reports of one category this close to each other count as the same place (metres, on the
     * spheroid).
     */
    @WithDefault("50")
    int radiusMeters();

    /** A hotspot: at least this many reports ... */
    @WithDefault("3")
    int hotspotReports();

    /** ... within this long (the last report and those before it). */
    @WithDefault("72h")
    Duration hotspotWindow();

    /**
     * A closed case reported again at its place within this long after closing is linked to the new
     * case.
     */
    @WithDefault("720h")
    Duration recurrenceWithin();

    /**
     * The categories whose closed case, reported again within {@link #recurrenceWithin()}, is
     * reopened (back to acceptance, the new report merged into it) rather than only linked:
     * catalogue codes or their prefixes (a section, {@code 01}), or {@code all}. None by default.
     */
    Optional<List<String>> reopen();

    /** Whether a recurrence of this category reopens the closed case. */
    default boolean reopens(String category) {
        return category != null
                && reopen().orElse(List.of()).stream()
                        .anyMatch(prefix -> prefix.equals("all") || category.startsWith(prefix));
    }
}
