package cn.gridgov.kit.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gridgov.kit.problem.Problem;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CaseReadRuleTest {

    private static CaseReadRule ruleOf(
            String staffId, String department, StaffScope.Post... posts) {
        return CaseReadRule.of(
                new Caller(staffId, Set.of()), new StaffScope(staffId, department, List.of(posts)));
    }

    @Test
    @DisplayName(
            "the command center, supervisors, leaders and administrators read every case, every district's")
    void commandCenterReadsEverything() {
        var dispatcher = ruleOf("D02-DISPATCHER-1", null, new StaffScope.Post("DISPATCHER", "D02"));
        assertThat(dispatcher.all()).isTrue();
        assertThat(dispatcher.reads(Set.of("G07", "D01"), Set.of(), null)).isTrue();
        assertThat(ruleOf("CC-LEADER-1", "CC", new StaffScope.Post("LEADER", null)).all()).isTrue();
    }

    @Test
    @DisplayName(
            "a grid post reads the cases of its area, department staff their department's, and everyone what they reported")
    void postsReadTheirScope() {
        var worker = ruleOf("G07-2", null, new StaffScope.Post("GRID_WORKER", "G07"));
        assertThat(worker.reads(Set.of("G07"), Set.of(), "someone")).isTrue();
        assertThat(worker.reads(Set.of("G20"), Set.of(), "someone")).isFalse();
        assertThat(worker.reads(Set.of("G20"), Set.of(), "G07-2")).isTrue();

        var handler = ruleOf("ZHZF-1", "ZHZF", new StaffScope.Post("DEPARTMENT_STAFF", null));
        assertThat(handler.reads(Set.of("G20"), Set.of("ZJJ", "ZHZF"), null)).isTrue();
        assertThat(handler.reads(Set.of("G20"), Set.of("ZJJ"), null)).isFalse();

        var inspector =
                ruleOf("D01-S1-C1-INS", null, new StaffScope.Post("INSPECTOR", "D01-S1-C1"))
                        .withAreas(Set.of("D01-S1-C1", "G01", "G02"));
        assertThat(inspector.reads(Set.of("G02"), Set.of(), null)).isTrue();
    }

    @Test
    @DisplayName(
            "a read outside the rule is a 403 NOT_YOUR_CASE naming the case; a caller with no post that reads is NOT_FOR_YOUR_ROLE")
    void refusalsNameTheRule() {
        var worker = ruleOf("G20-2", null, new StaffScope.Post("GRID_WORKER", "G20"));
        assertThatThrownBy(() -> worker.requireReads("2026-000007", Set.of("G07"), Set.of(), null))
                .isInstanceOfSatisfying(
                        Problem.class,
                        p -> {
                            assertThat(p.code()).isEqualTo(CaseReadRule.NOT_YOUR_CASE);
                            assertThat(p.getMessage()).contains("2026-000007").contains("G20");
                        });
        assertThatThrownBy(
                        () ->
                                CaseReadRule.of(
                                        new Caller("gridgov-services", Set.of(Caller.SERVICE)),
                                        StaffScope.unknown("gridgov-services")))
                .isInstanceOfSatisfying(
                        Problem.class,
                        p -> assertThat(p.code()).isEqualTo(CaseReadRule.NOT_FOR_YOUR_ROLE));
    }
}
