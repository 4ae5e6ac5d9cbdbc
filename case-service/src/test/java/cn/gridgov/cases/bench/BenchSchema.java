package cn.gridgov.cases.bench;

import java.util.Map;
import org.flywaydb.core.Flyway;

/**
 * The schema of a benchmark's own database, migrated as the service migrates its own at start
 * (case-service's migrations and service-kit's shared tables, with the service's placeholders), so
 * that a database kept from run to run follows the migrations as the service's would.
 */
final class BenchSchema {

    private BenchSchema() {}

    static void migrate(String url, String user, String password) {
        Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration", "classpath:db/kit")
                .placeholders(
                        Map.of(
                                // The evaluation read model's migration (V16) names the
                                // calendar's zone.
                                "zone", "Asia/Shanghai",
                                // The audit table's migration before service-kit defined it.
                                "auditMigrationVersion", "11"))
                // A kept database may have been filled under migrations applied in another order
                // (each adds tables or indexes of its own): the missing ones are applied.
                .outOfOrder(true)
                .load()
                .migrate();
    }
}
