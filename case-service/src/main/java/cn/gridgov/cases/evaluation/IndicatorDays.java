package cn.gridgov.cases.evaluation;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Sums the read model's days ({@code indicator_days}, V16) over a period, per unit of a slice: a
 * month of a district's grids is about 30 rows a grid on the primary key's range, whatever the number
 * of cases behind them.
 */
@ApplicationScoped
public class IndicatorDays {

    private static final String SUMS = Arrays.stream(Measure.values())
            .map(m -> "sum(" + m.column() + ")::bigint").collect(Collectors.joining(", "));

    private static final String ALL_UNITS = "select unit, " + SUMS + " from indicator_days"
            + " where slice = $1 and day >= $2 and day < $3 group by unit";
    private static final String SOME_UNITS = "select unit, " + SUMS + " from indicator_days"
            + " where slice = $1 and day >= $2 and day < $3 and unit = any($4) group by unit";

    private final Pool pool;

    public IndicatorDays(Pool pool) {
        this.pool = pool;
    }

    /** Each unit of the slice with any count in [from, to); only the given units when {@code units} is not null. */
    public Uni<List<UnitCounts>> sum(String slice, LocalDate from, LocalDate to, Set<String> units) {
        var query = units == null
                ? pool.preparedQuery(ALL_UNITS).execute(Tuple.of(slice, from, to))
                : pool.preparedQuery(SOME_UNITS).execute(Tuple.of(slice, from, to, units.toArray(String[]::new)));
        return query.map(rows -> {
            var counts = new ArrayList<UnitCounts>();
            for (Row row : rows) {
                counts.add(counts(row));
            }
            return counts;
        });
    }

    private static UnitCounts counts(Row row) {
        var counts = new EnumMap<Measure, Long>(Measure.class);
        var measures = Measure.values();
        for (int i = 0; i < measures.length; i++) {
            counts.put(measures[i], row.getLong(i + 1));
        }
        return new UnitCounts(row.getString(0), counts);
    }
}
