package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.kit.retention.EventRetention;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's retention sweep over this service's outbox and processed-event tables, on the real
 * PostgreSQL.
 */
@QuarkusTest
class EventRetentionTest {

    @Inject EventRetention retention;

    @Inject AgroalDataSource db;

    @Test
    @DisplayName(
            "outbox rows sent, event ids applied and parked records resolved past their retention are deleted;"
                    + " unsent rows, waiting records and recent ones stay")
    void oldSentRowsAndOldProcessedIdsAreDeleted() throws Exception {
        var sentLongAgo = outboxRow("now() - interval '9 days'", "now() - interval '10 days'");
        var sentAnHourAgo = outboxRow("now() - interval '1 hour'", "now() - interval '10 days'");
        // Claimed by another instance just now (a hand-over in flight), so this service's relay
        // leaves it alone.
        var neverSent = outboxRow("null", "now() - interval '10 days'");
        var appliedLongAgo = processedId("now() - interval '40 days'");
        var appliedToday = processedId("now()");
        var resolvedLongAgo = parked("now() - interval '100 days'");
        var resolvedToday = parked("now()");
        var waitingLongAgo = parked("null");
        try {
            var swept = retention.sweep().await().atMost(Duration.ofSeconds(30));

            assertThat(swept.outboxRows()).isPositive();
            assertThat(swept.processedIds()).isPositive();
            assertThat(swept.parkedRows()).isPositive();
            assertThat(exists("select 1 from parked_event where id = " + resolvedLongAgo))
                    .isFalse();
            assertThat(exists("select 1 from parked_event where id = " + resolvedToday)).isTrue();
            assertThat(exists("select 1 from parked_event where id = " + waitingLongAgo)).isTrue();
            assertThat(exists("select 1 from outbox_event where id = " + sentLongAgo)).isFalse();
            assertThat(exists("select 1 from outbox_event where id = " + sentAnHourAgo)).isTrue();
            assertThat(exists("select 1 from outbox_event where id = " + neverSent)).isTrue();
            assertThat(
                            exists(
                                    "select 1 from processed_event where event_id = '"
                                            + appliedLongAgo
                                            + "'"))
                    .isFalse();
            assertThat(
                            exists(
                                    "select 1 from processed_event where event_id = '"
                                            + appliedToday
                                            + "'"))
                    .isTrue();
        } finally {
            update(
                    "delete from outbox_event where id in ("
                            + sentAnHourAgo
                            + ", "
                            + neverSent
                            + ")");
            update(
                    "delete from parked_event where id in ("
                            + resolvedToday
                            + ", "
                            + waitingLongAgo
                            + ")");
        }
    }

    /**
     * A parked record of a consumer of its own, parked long ago, resolved then (or waiting: null).
     */
    private long parked(String resolvedAt) throws Exception {
        try (var connection = db.getConnection();
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                "insert into parked_event (consumer, topic, subject, event_id, type, payload,"
                                        + " reason, error, attempts, parked_at, resolved_at, resolution) values"
                                        + " ('retention-test', 'retention.test', '"
                                        + UUID.randomUUID()
                                        + "', '"
                                        + UUID.randomUUID()
                                        + "', 'dispatch.test-retention', '{}', 'FAILED', 'test', 1,"
                                        + " now() - interval '200 days', "
                                        + resolvedAt
                                        + ", "
                                        + ("null".equals(resolvedAt) ? "null" : "'DISCARDED'")
                                        + ") returning id")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private long outboxRow(String sentAt, String createdAt) throws Exception {
        try (var connection = db.getConnection();
                var statement = connection.createStatement();
                var rows =
                        statement.executeQuery(
                                "insert into outbox_event (event_id, topic, message_key, type, payload, "
                                        + "created_at, sent_at, claimed_by, claimed_at) values ('"
                                        + UUID.randomUUID()
                                        + "', 'retention.test', "
                                        + "'k', 'dispatch.test-retention', '{}', "
                                        + createdAt
                                        + ", "
                                        + sentAt
                                        + ", 'elsewhere/direct', now()) returning id")) {
            rows.next();
            return rows.getLong(1);
        }
    }

    private UUID processedId(String processedAt) throws Exception {
        var id = UUID.randomUUID();
        update(
                "insert into processed_event (event_id, type, processed_at) values ('"
                        + id
                        + "', 'test.retention', "
                        + processedAt
                        + ")");
        return id;
    }

    private boolean exists(String query) throws Exception {
        try (var connection = db.getConnection();
                var statement = connection.createStatement();
                var rows = statement.executeQuery(query)) {
            return rows.next();
        }
    }

    private void update(String sql) throws Exception {
        try (var connection = db.getConnection();
                var statement = connection.createStatement()) {
            statement.executeUpdate(sql);
        }
    }
}
