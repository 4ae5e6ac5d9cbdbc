package cn.gridgov.dispatch.whistle;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * How long the summoned have to report, how close counts as on site, and when leadership hears of
 * it.
 */
@ConfigMapping(prefix = "gridgov.whistle")
public interface WhistleConfig {

    @WithDefault("30M")
    Duration routineDeadline();

    @WithDefault("30M")
    Duration hardCaseDeadline();

    @WithDefault("30M")
    Duration emergencyDeadline();

    /** A report counts as arrived within this distance of the case. */
    @WithDefault("200")
    double arrivalRadiusMeters();

    /** After the deadline the supervisor is told at once, leadership this much later. */
    @WithDefault("30M")
    Duration leadershipAfter();

    /** How often the escalator looks for late summons. */
    @WithDefault("1s")
    Duration scanInterval();

    default Duration deadlineOf(WhistleKind kind) {
        return switch (kind) {
            case ROUTINE -> routineDeadline();
            case HARD_CASE -> hardCaseDeadline();
            case EMERGENCY -> emergencyDeadline();
        };
    }
}
