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
 * Sums the read model's roll-ups (V16) over a period, per unit of a slice: the whole calendar
 * months in it from {@code indicator_months} (one row a unit and month), the days before and after
 * them from {@code indicator_days}. A month of a district's 12,000 grids is 12,000 rows on the
 * primary key's range, however many cases lie behind them.
 */
@ApplicationScoped
public class IndicatorDays {

    private static final String COLUMNS =
            Arrays.stream(Measure.values()).map(Measure::column).collect(Collectors.joining(", "));
    private static final String SUMS =
            Arrays.stream(Measure.values())
                    .map(m -> "sum(" + m.column() + ")::bigint")
                    .collect(Collectors.joining(", "));

    /**
     * $1 slice, [$2, $3) the period, [$4, $5) its whole months (empty when $4 = $5), $6 the units
     * or null for all.
     */
    private static final String SUM =
            "select unit, "
                    + SUMS
                    + " from ("
                    + " select unit, "
                    + COLUMNS
                    + " from indicator_months where slice = $1 and month >= $4 and month < $5"
                    + " and ($6::text[] is null or unit = any($6))"
                    + " union all"
                    + " select unit, "
                    + COLUMNS
                    + " from indicator_days where slice = $1"
                    + " and ((day >= $2 and day < $4) or (day >= $5 and day < $3)) and ($6::text[] is null or unit = any($6))"
                    + ") rows group by unit";

    private final Pool pool;

    public IndicatorDays(Pool pool) {
        this.pool = pool;
    }

    /**
     * Each unit of the slice with any count in [from, to); only the given units when {@code units}
     * is not null.
     */
    public Uni<List<UnitCounts>> sum(
            String slice, LocalDate from, LocalDate to, Set<String> units) {
        var firstMonth = from.getDayOfMonth() == 1 ? from : from.withDayOfMonth(1).plusMonths(1);
        var afterMonths = to.withDayOfMonth(1);
        if (!firstMonth.isBefore(afterMonths)) {
            firstMonth = to;
            afterMonths = to;
        }
        var parameters =
                Tuple.of(slice, from, to, firstMonth, afterMonths)
                        .addArrayOfString(units == null ? null : units.toArray(String[]::new));
        return pool.preparedQuery(SUM)
                .execute(parameters)
                .map(
                        rows -> {
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
