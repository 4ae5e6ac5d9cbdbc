package cn.gridgov.grid.area;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.locationtech.jts.geom.Envelope;

/**
 * An immutable, lock-free spatial index of envelopes on a uniform grid of cells, sized from the
 * items themselves (grids are of similar size). JTS's STR-tree would do the same job, but its query
 * takes a monitor on every call, which serialises the event loops under load.
 */
final class CellIndex<T> {

    /** An item spanning more cells than this is kept aside and tested on every query. */
    private static final int MAX_CELLS_PER_ITEM = 4_096;

    private final double cellSize;
    private final Map<Long, Object[]> cells;
    private final Object[] large;

    private CellIndex(double cellSize, Map<Long, Object[]> cells, Object[] large) {
        this.cellSize = cellSize;
        this.cells = cells;
        this.large = large;
    }

    static <T> CellIndex<T> of(List<T> items, java.util.function.Function<T, Envelope> envelope) {
        var sizes =
                items.stream()
                        .mapToDouble(
                                item -> {
                                    var e = envelope.apply(item);
                                    return Math.max(e.getWidth(), e.getHeight());
                                })
                        .sorted()
                        .toArray();
        double cellSize = sizes.length == 0 ? 1 : Math.max(sizes[sizes.length / 2], 1e-6);
        Map<Long, List<Object>> building = new HashMap<>();
        var large = new ArrayList<Object>();
        for (var item : items) {
            var e = envelope.apply(item);
            long x0 = cell(e.getMinX(), cellSize);
            long x1 = cell(e.getMaxX(), cellSize);
            long y0 = cell(e.getMinY(), cellSize);
            long y1 = cell(e.getMaxY(), cellSize);
            if ((x1 - x0 + 1) * (y1 - y0 + 1) > MAX_CELLS_PER_ITEM) {
                large.add(item);
                continue;
            }
            for (long x = x0; x <= x1; x++) {
                for (long y = y0; y <= y1; y++) {
                    building.computeIfAbsent(key(x, y), k -> new ArrayList<>()).add(item);
                }
            }
        }
        var cells = new HashMap<Long, Object[]>(building.size() * 2);
        building.forEach((key, list) -> cells.put(key, list.toArray()));
        return new CellIndex<>(cellSize, cells, large.toArray());
    }

    /** Items whose envelope may contain the point (callers test the exact geometry). */
    @SuppressWarnings("unchecked")
    List<T> candidates(double x, double y) {
        var inCell = cells.get(key(cell(x, cellSize), cell(y, cellSize)));
        if (large.length == 0) {
            return inCell == null ? List.of() : (List<T>) Arrays.asList(inCell);
        }
        var all = new ArrayList<T>();
        if (inCell != null) {
            for (var item : inCell) {
                all.add((T) item);
            }
        }
        for (var item : large) {
            all.add((T) item);
        }
        return all;
    }

    private static long cell(double coordinate, double size) {
        return (long) Math.floor(coordinate / size);
    }

    private static long key(long x, long y) {
        return (x << 32) ^ (y & 0xffffffffL);
    }
}
