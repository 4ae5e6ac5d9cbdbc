package cn.gridgov.grid;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.NewArea;
import cn.gridgov.grid.demo.DemoOrganisation;
import cn.gridgov.grid.demo.DemoTown;
import cn.gridgov.grid.staff.Post;
import cn.gridgov.grid.staff.RoleCatalogue;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class DemoTownTest {

    @Test
    @DisplayName("the demo town has one district, four towns, eight communities and 48 grids")
    void demoTownHasTheSeedsShape() {
        var byLevel =
                DemoTown.areas().stream()
                        .collect(Collectors.groupingBy(NewArea::level, Collectors.counting()));

        assertThat(byLevel)
                .containsEntry(AreaLevel.DISTRICT, 1L)
                .containsEntry(AreaLevel.STREET, 4L)
                .containsEntry(AreaLevel.COMMUNITY, 8L)
                .containsEntry(AreaLevel.GRID, 48L);
    }

    @Test
    @DisplayName(
            "the demo district's dispatchers and duty chiefs serve it; the neighbouring district has a dispatcher of its own")
    void commandCenterPostsServeTheirDistrict() {
        var posts =
                DemoOrganisation.staff().stream()
                        .flatMap(s -> s.person().posts().stream())
                        .filter(p -> RoleCatalogue.DISTRICT_POSTS.contains(p.role()))
                        .collect(Collectors.groupingBy(Post::areaCode, Collectors.counting()));
        assertThat(posts)
                .containsEntry(DemoTown.DISTRICT, 4L)
                .containsEntry(DemoTown.NEIGHBOUR_DISTRICT, 1L)
                .hasSize(2);
        assertThat(DemoTown.neighbourDistrict().level()).isEqualTo(AreaLevel.DISTRICT);
        assertThat(DemoOrganisation.neighbourStaff())
                .extracting(s -> s.person().id())
                .containsExactly("D02-DISPATCHER-1");
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
    @DisplayName(
            "six dedicated grids overlay the town, the port over parts of two comprehensive grids")
    void dedicatedGrids() {
        assertThat(DemoTown.dedicatedGrids())
                .hasSize(6)
                .allSatisfy(grid -> assertThat(grid.code()).startsWith("DG-"))
                .extracting(NewArea::code)
                .contains("DG-PORT", "DG-PARK");
    }

    @Test
    @DisplayName("six enforcement zones share out all 48 grids, each grid in exactly one zone")
    void zonesShareOutTheGrids() {
        var zoned =
                DemoOrganisation.zones().stream().flatMap(zone -> zone.areas().stream()).toList();
        assertThat(DemoOrganisation.zones()).hasSize(6);
        assertThat(zoned).hasSize(48).doesNotHaveDuplicates().containsAll(DemoTown.gridCodes());
    }

    @Test
    @DisplayName(
            "about 200 staff with distinct ids hold every grid post in every comprehensive and dedicated grid")
    void staffCoverEveryPost() {
        var staff = DemoOrganisation.staff();
        assertThat(staff).hasSizeBetween(180, 220);
        assertThat(staff.stream().map(s -> s.person().id())).doesNotHaveDuplicates();
        var held =
                staff.stream()
                        .flatMap(s -> s.person().posts().stream())
                        .collect(Collectors.toSet());
        var grids = new java.util.ArrayList<>(DemoTown.gridCodes());
        DemoTown.dedicatedGrids().forEach(grid -> grids.add(grid.code()));
        for (var grid : grids) {
            for (var role : RoleCatalogue.GRID_POSTS) {
                assertThat(held).as(role + " in " + grid).contains(new Post(role, grid));
            }
        }
        var departments = DemoOrganisation.departments().stream().map(d -> d.code()).toList();
        assertThat(staff)
                .filteredOn(s -> s.person().departmentCode() != null)
                .allSatisfy(s -> assertThat(departments).contains(s.person().departmentCode()));
    }

    @Test
    @DisplayName("the demo town's departments carry the codes the other services route to")
    void departmentCodes() {
        assertThat(DemoOrganisation.departments())
                .extracting(d -> d.code())
                .containsExactlyInAnyOrder(
                        "CC", "ZHZF", "ZJJ", "SCJG", "STHJ", "YJJ", "SWJ", "GKJ", "JD-S1", "JD-S2",
                        "JD-S3", "JD-S4", "PCS", "GTS");
    }

    @Test
    @DisplayName("the same generator gives the same town twice")
    void generatorIsDeterministic() {
        assertThat(DemoTown.areas()).isEqualTo(DemoTown.areas());
        assertThat(DemoOrganisation.staff()).isEqualTo(DemoOrganisation.staff());
    }
}
