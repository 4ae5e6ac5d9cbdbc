package cn.gridgov.contracts.dispatch;

import cn.gridgov.contracts.Actor;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * dispatch.whistle-blown (吹哨): departments summoned to the case by {@code reportBy}; {@code
 * blownBy}, {@code actor}: who.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhistleBlown(
        UUID whistleId,
        UUID caseId,
        String kind,
        List<String> departments,
        Instant reportBy,
        String blownBy,
        Actor actor) {}
