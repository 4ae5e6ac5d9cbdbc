package cn.gridgov.kit.testing;

import cn.gridgov.contracts.EventConformance;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Everything a service published while this JVM ran its tests, read from its outbox (every event a
 * service publishes goes through {@code outbox_event}, SQL-written ones included, and the row's
 * payload is the record value put on the topic), each checked against its contract with {@link
 * EventConformance}. The outbox is the service's own test database, which only the test run holding
 * the module's lock writes; the shared test topics also carry other modules' test doubles, so they
 * cannot say which service published what.
 */
public final class PublishedEvents {

    /** What was checked: how many events of each type, and what was wrong, one line per problem. */
    public record Report(Map<String, Integer> checkedByType, List<String> problems) {
        public int checked() {
            return checkedByType.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    private PublishedEvents() {}

    /**
     * When this JVM started: the test run's events are those published (or still waiting) since.
     */
    public static Instant runStarted() {
        return Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
    }

    /**
     * Checks the events published since {@code since}, and those still waiting to be, in the outbox
     * at this JDBC URL.
     */
    public static Report check(String jdbcUrl, String user, String password, Instant since)
            throws SQLException {
        var counts = new TreeMap<String, Integer>();
        var problems = new ArrayList<String>();
        try (var connection = DriverManager.getConnection(jdbcUrl, user, password);
                var query =
                        connection.prepareStatement(
                                "select id, topic, type, payload from outbox_event where (sent_at >= ? or sent_at is null) "
                                        // Dead-letter copies are other services' records, parked
                                        // here as they came.
                                        + "and topic not like '%.dlq' order by id")) {
            query.setTimestamp(1, Timestamp.from(since));
            try (var rows = query.executeQuery()) {
                while (rows.next()) {
                    var type = rows.getString("type");
                    counts.merge(type, 1, Integer::sum);
                    for (var problem : EventConformance.problems(rows.getString("payload"))) {
                        problems.add(
                                "outbox row "
                                        + rows.getLong("id")
                                        + " ("
                                        + type
                                        + " on "
                                        + rows.getString("topic")
                                        + "): "
                                        + problem);
                    }
                }
            }
        }
        return new Report(counts, problems);
    }

    /**
     * The service's configuration ({@code application.properties}, no profile) for these keys, so a
     * test can hold the topic names it configures to the contract's.
     */
    public static Map<String, String> configured(List<String> keys) {
        var properties = new Properties();
        try (InputStream in =
                PublishedEvents.class
                        .getClassLoader()
                        .getResourceAsStream("application.properties")) {
            if (in == null) {
                throw new IllegalStateException("application.properties is not on the class path");
            }
            properties.load(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        var values = new TreeMap<String, String>();
        keys.forEach(key -> values.put(key, properties.getProperty(key)));
        return values;
    }
}
