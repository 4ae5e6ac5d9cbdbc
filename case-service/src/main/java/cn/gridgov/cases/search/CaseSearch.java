package cn.gridgov.cases.search;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Finds cases: one statement per page through the reactive SQL client, keyset paging, and an
 * optional count that stops at {@value #COUNT_CAP}.
 *
 * <p>The service's connections plan every prepared statement once, generically (intake's setting:
 * see the README's Persistence). A search is different: whether a grid's index or the reported-time
 * index is the better road depends on the values (a grid of a thousand cases, or a district of a
 * million), so each search statement is planned for its values ({@code plan_cache_mode} set for it
 * alone and reset after on the same connection).
 */
@ApplicationScoped
public class CaseSearch {

    /**
     * A count beyond this says "more than"; counting a million rows for a number nobody reads is
     * not cheap.
     */
    public static final int COUNT_CAP = 10_000;

    private final Pool pool;
    private final Clock clock;

    public CaseSearch(Pool pool, Clock clock) {
        this.pool = pool;
        this.clock = clock;
    }

    /**
     * One page of cases, the cursor after it (null on the last page), and the count when asked for.
     */
    public record Page(
            List<CaseRow> items, String nextCursor, Integer total, Boolean totalCapped) {}

    public Uni<Page> page(CaseQuery query, ReadScope scope) {
        var now = clock.instant();
        var statement = CaseSearchSql.page(query, scope, now);
        var rows = run(statement);
        var count =
                query.count()
                        ? run(CaseSearchSql.count(query, scope, now, COUNT_CAP))
                                .map(r -> r.iterator().next().getLong(0))
                        : Uni.createFrom().<Long>nullItem();
        return Uni.combine()
                .all()
                .unis(rows, count)
                .asTuple()
                .map(
                        both -> {
                            var items = new ArrayList<CaseRow>();
                            Row last = null;
                            for (var row : both.getItem1()) {
                                if (items.size() == query.limit()) {
                                    break;
                                }
                                items.add(CaseRow.of(row, now));
                                last = row;
                            }
                            var more = both.getItem1().size() > query.limit();
                            var next = more ? cursorAfter(query, last).encode() : null;
                            var total = both.getItem2();
                            return new Page(
                                    items,
                                    next,
                                    total == null ? null : (int) Math.min(total, COUNT_CAP),
                                    total == null ? null : total > COUNT_CAP);
                        });
    }

    /**
     * Every case the query finds, page after page of {@code pageSize}, at most {@code max}: what
     * the CSV streams, so that a large answer is never held in memory whole.
     */
    public Multi<List<CaseRow>> all(CaseQuery query, ReadScope scope, int pageSize, int max) {
        var first = query.withPage(query.cursor(), Math.min(pageSize, max));
        return Multi.createBy()
                .repeating()
                .uni(
                        () -> new PageState(first, 0),
                        state ->
                                state.query == null
                                        ? Uni.createFrom().item(List.<CaseRow>of())
                                        : page(state.query, scope)
                                                .map(
                                                        page -> {
                                                            state.read += page.items().size();
                                                            var left = max - state.read;
                                                            state.query =
                                                                    page.nextCursor() == null
                                                                                    || left <= 0
                                                                            ? null
                                                                            : state.query.withPage(
                                                                                    Cursor.decode(
                                                                                            page
                                                                                                    .nextCursor()),
                                                                                    Math.min(
                                                                                            pageSize,
                                                                                            left));
                                                            return page.items();
                                                        }))
                .whilst(items -> !items.isEmpty())
                .select()
                .where(items -> !items.isEmpty());
    }

    private static final class PageState {
        CaseQuery query;
        int read;

        PageState(CaseQuery query, int read) {
            this.query = query;
            this.read = read;
        }
    }

    /**
     * How PostgreSQL runs a page's statement and what it cost ({@code EXPLAIN (ANALYZE, BUFFERS)}),
     * planned as a search is.
     */
    public Uni<List<String>> explain(CaseQuery query, ReadScope scope) {
        var statement = CaseSearchSql.page(query, scope, clock.instant());
        return run(new CaseSearchSql.Statement(
                        "explain (analyze, buffers) " + statement.sql(), statement.params()))
                .map(
                        rows -> {
                            var lines = new ArrayList<String>();
                            rows.forEach(row -> lines.add(row.getString(0)));
                            return lines;
                        });
    }

    private Uni<RowSet<Row>> run(CaseSearchSql.Statement statement) {
        var tuple = Tuple.tuple(new ArrayList<>(statement.params()));
        // One after the other: a simple query between the prepare and the execution would drop an
        // unnamed statement.
        return pool.withConnection(
                connection ->
                        connection
                                .query("set plan_cache_mode = force_custom_plan")
                                .execute()
                                .chain(
                                        () ->
                                                connection
                                                        .preparedQuery(statement.sql())
                                                        .execute(tuple))
                                .eventually(
                                        () -> connection.query("reset plan_cache_mode").execute()));
    }

    private static Cursor cursorAfter(CaseQuery query, Row last) {
        var id = last.getUUID("id");
        return switch (query.sort()) {
            case REPORTED_AT ->
                    Cursor.after(
                            query.sort(),
                            query.descending(),
                            last.getOffsetDateTime("reported_at").toInstant().toString(),
                            id);
            case DUE_AT -> {
                var due = last.getOffsetDateTime("step_due_at");
                yield Cursor.after(
                        query.sort(),
                        query.descending(),
                        due == null ? null : due.toInstant().toString(),
                        id);
            }
            case NUMBER ->
                    Cursor.after(
                            query.sort(),
                            query.descending(),
                            Long.toString(last.getLong("number_order")),
                            id);
        };
    }
}
