package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.organisation.Place;
import cn.gridgov.dispatch.recommend.Candidate;
import cn.gridgov.dispatch.recommend.HandlerRanking;
import cn.gridgov.dispatch.recommend.HandlerRanking.CaseFacts;
import cn.gridgov.dispatch.routing.RoutingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class HandlerRankingTest {

    private static final Instant NOW = Instant.parse("2026-11-22T02:00:00Z");
    private static final Place G07 =
            new Place(
                    Map.of(
                            "G07",
                            Place.GRID,
                            "D01-S2-C2",
                            Place.COMMUNITY,
                            "D01-S2",
                            Place.STREET,
                            "D01",
                            Place.DISTRICT));

    private static CaseFacts facts(RoutingMode mode, String lead, Instant due, boolean urgent) {
        return new CaseFacts(119.165, 35.004, G07, mode, lead, List.of("ZJJ"), due, urgent);
    }

    private static Candidate person(
            String id, String department, double lon, double lat, Candidate.Post... posts) {
        return new Candidate(
                id, id, department, List.of(posts), true, lon, lat, NOW.minusSeconds(60), null);
    }

    @Test
    @DisplayName(
            "the chief of the case's own grid beats a nearer worker of another grid for a case solved in the grid")
    void ownGridChiefFirst() {
        var chief = person("G07-1", null, 119.168, 35.006, new Candidate.Post("GRID_CHIEF", "G07"));
        var stranger =
                person("G08-2", null, 119.1652, 35.0041, new Candidate.Post("GRID_WORKER", "G08"));
        var ranked =
                HandlerRanking.rank(
                        facts(RoutingMode.IN_GRID, "GRID", NOW.plus(Duration.ofHours(8)), false),
                        List.of(stranger, chief),
                        Map.of(),
                        NOW);
        assertThat(ranked)
                .extracting(HandlerRanking.Recommendation::staffId)
                .containsExactly("G07-1", "G08-2");
        assertThat(ranked.get(0).reasons()).anyMatch(r -> r.contains("holds GRID_CHIEF in G07"));
    }

    @Test
    @DisplayName("open work counts against a person, and only the top three are given")
    void workloadAndTopThree() {
        var busy = person("ZHZF-1", "ZHZF", 119.165, 35.004);
        var free = person("ZHZF-2", "ZHZF", 119.166, 35.004);
        var third = person("ZJJ-1", "ZJJ", 119.166, 35.004);
        var fourth = person("YJJ-1", "YJJ", 119.166, 35.004);
        var ranked =
                HandlerRanking.rank(
                        facts(RoutingMode.DEPARTMENT, "ZHZF", NOW.plus(Duration.ofHours(8)), false),
                        List.of(busy, free, third, fourth),
                        Map.of("ZHZF-1", 4),
                        NOW);
        assertThat(ranked)
                .extracting(HandlerRanking.Recommendation::staffId)
                .containsExactly("ZHZF-2", "ZJJ-1", "ZHZF-1");
        assertThat(ranked.get(2).reasons()).contains("4 open cases (-24)");
        assertThat(ranked.get(0).reasons()).anyMatch(r -> r.contains("lead department ZHZF"));
        assertThat(ranked.get(1).reasons()).anyMatch(r -> r.contains("co-handler ZJJ"));
    }

    @Test
    @DisplayName("with the deadline close, nearness counts double and can outweigh the post")
    void tightDeadlineFavoursTheNearest() {
        var farLead = person("ZHZF-1", "ZHZF", 119.175, 35.004);
        var nearCo = person("ZJJ-1", "ZJJ", 119.1651, 35.004);
        var relaxed =
                HandlerRanking.rank(
                        facts(RoutingMode.DEPARTMENT, "ZHZF", NOW.plus(Duration.ofHours(8)), false),
                        List.of(farLead, nearCo),
                        Map.of(),
                        NOW);
        var tight =
                HandlerRanking.rank(
                        facts(
                                RoutingMode.DEPARTMENT,
                                "ZHZF",
                                NOW.plus(Duration.ofMinutes(20)),
                                false),
                        List.of(farLead, nearCo),
                        Map.of(),
                        NOW);
        assertThat(relaxed.get(0).staffId()).isEqualTo("ZHZF-1");
        assertThat(tight.get(0).staffId()).isEqualTo("ZJJ-1");
        assertThat(tight.get(0).reasons()).anyMatch(r -> r.contains("nearness counts double"));
    }

    @Test
    @DisplayName("people off duty are not recommended")
    void offDutyLeftOut() {
        var off =
                new Candidate(
                        "G07-3",
                        "G07-3",
                        null,
                        List.of(new Candidate.Post("PATROLLER", "G07")),
                        false,
                        119.165,
                        35.004,
                        NOW,
                        null);
        assertThat(
                        HandlerRanking.rank(
                                facts(RoutingMode.IN_GRID, "GRID", null, false),
                                List.of(off),
                                Map.of(),
                                NOW))
                .isEmpty();
    }
}
