package cn.gridgov.grid;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.NewArea;
import cn.gridgov.grid.demo.DemoTown;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoTownTest {

    @Test
    @DisplayName("the demo town has one district, four towns, eight communities and 48 grids")
    void demoTownHasTheSeedsShape() {
        var byLevel = DemoTown.areas().stream().collect(Collectors.groupingBy(NewArea::level, Collectors.counting()));

        assertThat(byLevel).containsEntry(AreaLevel.DISTRICT, 1L).containsEntry(AreaLevel.STREET, 4L)
                .containsEntry(AreaLevel.COMMUNITY, 8L).containsEntry(AreaLevel.GRID, 48L);
    }

    @Test
    @DisplayName("every area comes after its parent, so the town can be created in order")
    void parentsComeFirst() {
        Set<String> seen = new HashSet<>();
        for (var area : DemoTown.areas()) {
            if (area.parentCode() != null) {
                assertThat(seen).as("parent of " + area.code()).contains(area.parentCode());
            }
            seen.add(area.code());
        }
    }

    @Test
    @DisplayName("the same generator gives the same town twice")
    void generatorIsDeterministic() {
        assertThat(DemoTown.areas()).isEqualTo(DemoTown.areas());
    }
}
