package cn.gridgov.grid.area;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * "Which grid is this point in" in one SQL round trip: the comprehensive grid, its ancestors, the
 * dedicated grids over the point and the comprehensive grids whose interior holds it (two or more
 * only where grids overlap). Locate is the hottest read of the system (every report, every
 * routing), so it goes straight through the reactive SQL client, without an ORM session.
 */
@ApplicationScoped
public class LocateQuery {

    /** Also run raw by the benchmark, as the baseline the HTTP figure is compared with. */
    public static final String SQL =
            """
            with recursive hit as (
                select code from grid_area
                where level = 'GRID' and kind = 'COMPREHENSIVE'
                  and ST_Covers(geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
                order by code limit 1),
            up (code, name, level, kind, parent_code, depth) as (
                select a.code, a.name, a.level, a.kind, a.parent_code, 0 from grid_area a join hit on a.code = hit.code
                union all
                select p.code, p.name, p.level, p.kind, p.parent_code, up.depth + 1
                from grid_area p join up on p.code = up.parent_code)
            select code, name, level, kind, parent_code, depth from up
            union all
            select code, name, level, kind, parent_code, -1 from grid_area
            where kind = 'DEDICATED' and exists (select 1 from hit)
              and ST_Covers(geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))
            union all
            select code, name, level, kind, parent_code, -2 from grid_area
            where level = 'GRID' and kind = 'COMPREHENSIVE'
              and ST_Contains(geom, ST_SetSRID(ST_MakePoint($1::float8, $2::float8), 4326))""";

    private final Pool pool;

    public LocateQuery(Pool pool) {
        this.pool = pool;
    }

    /** The location, or null when no comprehensive grid covers the point. */
    public Uni<Location> at(double lon, double lat) {
        return pool.preparedQuery(SQL)
                .execute(Tuple.of(lon, lat))
                .map(
                        rows -> {
                            GridArea grid = null;
                            var ancestors = new ArrayList<Ranked>();
                            var dedicated = new ArrayList<GridArea>();
                            var inside = new ArrayList<String>();
                            for (Row row : rows) {
                                var area = area(row);
                                int depth = row.getInteger("depth");
                                if (depth == 0) {
                                    grid = area;
                                } else if (depth > 0) {
                                    ancestors.add(new Ranked(depth, area));
                                } else if (depth == -1) {
                                    dedicated.add(area);
                                } else {
                                    inside.add(area.code);
                                }
                            }
                            if (grid == null) {
                                return null;
                            }
                            ancestors.sort(Comparator.comparingInt(Ranked::depth));
                            dedicated.sort(Comparator.comparing(a -> a.code));
                            inside.sort(Comparator.naturalOrder());
                            return new Location(
                                    grid,
                                    ancestors.stream().map(Ranked::area).toList(),
                                    List.copyOf(dedicated),
                                    inside.size() < 2 ? List.of() : List.copyOf(inside));
                        });
    }

    private record Ranked(int depth, GridArea area) {}

    private static GridArea area(Row row) {
        var area = new GridArea();
        area.code = row.getString("code");
        area.name = row.getString("name");
        area.level = AreaLevel.valueOf(row.getString("level"));
        area.kind = AreaKind.valueOf(row.getString("kind"));
        area.parentCode = row.getString("parent_code");
        return area;
    }
}
