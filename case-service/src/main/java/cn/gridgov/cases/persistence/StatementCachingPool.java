package cn.gridgov.cases.persistence;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.ArrayList;

/**
 * The service's reactive pool, as Quarkus configures it, except that statements up to 16 kB are
 * kept prepared. The client's default keeps only those under 2 kB, and intake's two statements
 * (every column of a case, its timeline and its events, as arrays) are longer: unkept, each would
 * be parsed and planned again on every batch.
 */
@Singleton
public class StatementCachingPool implements PgPoolCreator {

    static final int STATEMENT_CACHE_SQL_LIMIT = 16 * 1024;

    @Override
    public Pool create(Input input) {
        var connectOptions = new ArrayList<SqlConnectOptions>();
        for (var options : input.pgConnectOptionsList()) {
            connectOptions.add(
                    options.setPreparedStatementCacheSqlLimit(STATEMENT_CACHE_SQL_LIMIT));
        }
        return PgBuilder.pool()
                .with(input.poolOptions())
                .connectingTo(connectOptions)
                .using(input.vertx())
                .build();
    }
}
