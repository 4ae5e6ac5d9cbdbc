package cn.gridgov.grid.rest;

import cn.gridgov.grid.area.AreaKind;
import cn.gridgov.grid.area.AreaLevel;
import cn.gridgov.grid.area.GridArea;

/** An area without its polygon, as embedded in other answers. */
public record AreaView(
        String code, String name, AreaLevel level, AreaKind kind, String parentCode) {

    static AreaView of(GridArea area) {
        return new AreaView(area.code, area.name, area.level, area.kind, area.parentCode);
    }
}
