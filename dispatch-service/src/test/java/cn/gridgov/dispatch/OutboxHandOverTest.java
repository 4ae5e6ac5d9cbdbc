package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import cn.gridgov.contracts.DispatchTypes;
import cn.gridgov.contracts.dispatch.WhistleClosed;
import cn.gridgov.kit.events.CloudEvent;
import cn.gridgov.kit.outbox.Outbox;
import cn.gridgov.kit.outbox.OutboxRelay;
import cn.gridgov.kit.testing.TopicTail;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The kit's outbox rows written already claimed (as the case-event consumer writes them) and handed
 * to the relay after commit, against the real PostgreSQL and Kafka.
 */
@QuarkusTest
class OutboxHandOverTest {

    /** The tests' own dispatch-events topic, as the test profile configures it. */
    @ConfigProperty(name = cn.gridgov.dispatch.messaging.DispatchEvents.TOPIC_CONFIG)
    String topic;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @Inject Outbox outbox;

    @Inject OutboxRelay relay;

    @Inject Pool pool;

    @Inject AgroalDataSource db;

    @Inject ObjectMapper json;

    private CloudEvent event(String subject) {
        // A real type of this service, about a case no one knows: consumers ignore it, the contract
        // check reads it.
        return outbox.envelope(
                DispatchTypes.WHISTLE_CLOSED,
                subject,
                Instant.now(),
                new WhistleClosed(UUID.randomUUID(), UUID.fromString(subject)));
    }

    private List<OutboxRelay.Claimed> writeClaimed(List<CloudEvent> events) {
        return pool.withTransaction(connection -> outbox.addAllClaimed(connection, topic, events))
                .await()
                .atMost(Duration.ofSeconds(10));
    }

    /** sent_at and claimed_by of an outbox row, as "sent|claimant" with "-" for null. */
    private String row(long id) throws Exception {
        try (var connection = db.getConnection();
                var query =
                        connection.prepareStatement(
                                "select sent_at, claimed_by from outbox_event where id = ?")) {
            query.setLong(1, id);
            try (var rows = query.executeQuery()) {
                rows.next();
                return (rows.getTimestamp(1) == null ? "-" : "sent") + "|" + rows.getString(2);
            }
        }
    }

    private void execute(String sql, long id) throws Exception {
        try (var connection = db.getConnection();
                var statement = connection.prepareStatement(sql)) {
            statement.setLong(1, id);
            statement.executeUpdate();
        }
    }

    @Test
    @DisplayName(
            "rows handed over after their commit reach Kafka in the order written and are marked sent, with no relay pass claiming them")
    void handedOverRowsArePublishedInOrder() throws Exception {
        var subject = UUID.randomUUID().toString();
        try (var tail = new TopicTail(bootstrap, topic)) {
            var written = List.of(event(subject), event(subject), event(subject));
            var rows = writeClaimed(written);
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).id()).isLessThan(rows.get(1).id());
            assertThat(rows.get(1).id()).isLessThan(rows.get(2).id());

            relay.publishCommitted(rows);

            // A relay pass would only take these rows after the claim timeout (30 s): seen sooner,
            // they came by hand-over.
            var received =
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> tail.forSubject(subject), list -> list.size() == 3);
            assertThat(received)
                    .extracting(r -> r.event().path("id").asText())
                    .containsExactlyElementsOf(written.stream().map(CloudEvent::id).toList());
            for (var claimed : rows) {
                await().atMost(Duration.ofSeconds(5))
                        .until(() -> row(claimed.id()).startsWith("sent|"));
                assertThat(row(claimed.id())).endsWith("/direct");
            }
        }
    }

    @Test
    @DisplayName(
            "rows committed but never handed over (the instance died) wait for their claim to time out, then a relay pass publishes them")
    void rowsNeverHandedOverAreTakenOverAfterTheClaimTimeout() throws Exception {
        var subject = UUID.randomUUID().toString();
        try (var tail = new TopicTail(bootstrap, topic)) {
            var rows = writeClaimed(List.of(event(subject)));
            var id = rows.get(0).id();

            relay.nudge();
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> tail.forSubject(subject).isEmpty() && row(id).startsWith("-|"));

            execute(
                    "update outbox_event set claimed_at = now() - interval '1 hour' where id = ?",
                    id);
            relay.nudge();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> tail.forSubject(subject).size() == 1);
            await().atMost(Duration.ofSeconds(5)).until(() -> row(id).startsWith("sent|"));
            assertThat(row(id)).doesNotEndWith("/direct");
        }
    }

    @Test
    @DisplayName(
            "another replica's hand-overs in flight do not hold back this replica's relay pass over unclaimed rows")
    void handOversElsewhereDoNotBlockThePass() throws Exception {
        var elsewhere = UUID.randomUUID().toString();
        var unclaimed = UUID.randomUUID().toString();
        try (var tail = new TopicTail(bootstrap, topic)) {
            long inFlight = writeClaimed(List.of(event(elsewhere))).get(0).id();
            execute(
                    "update outbox_event set claimed_by = 'another-replica/direct' where id = ?",
                    inFlight);
            // A row as the scans write it, over SQL and unclaimed.
            var row = writeClaimed(List.of(event(unclaimed))).get(0).id();
            execute(
                    "update outbox_event set claimed_by = null, claimed_at = null where id = ?",
                    row);

            relay.nudge();
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> tail.forSubject(unclaimed).size() == 1);
            assertThat(tail.forSubject(elsewhere)).isEmpty();
            // The other replica's row stays its own until its claim times out; settle it so it does
            // not linger.
            execute("update outbox_event set sent_at = now() where id = ?", inFlight);
        }
    }

    @Test
    @DisplayName(
            "a case's row written while its earlier row's hand-over is late is left to a relay pass, which waits for that "
                    + "row; when the hand-over fails (on purpose: too large for Kafka), the pass publishes both in order; other "
                    + "cases go on meanwhile")
    void aLateOrFailedHandOverIsNeverOvertakenByItsCase() throws Exception {
        var subject = UUID.randomUUID().toString();
        var other = UUID.randomUUID().toString();
        try (var tail = new TopicTail(bootstrap, topic)) {
            var first = event(subject);
            var rows = writeClaimed(List.of(first));
            assertThat(rows).hasSize(1);
            // Not handed over yet (late): the case's next row is written unclaimed, for a pass to
            // publish after it.
            var second = event(subject);
            assertThat(writeClaimed(List.of(second))).isEmpty();
            var otherRows = writeClaimed(List.of(event(other)));
            relay.publishCommitted(otherRows);
            relay.nudge();

            await().atMost(Duration.ofSeconds(10)).until(() -> tail.forSubject(other).size() == 1);
            await().during(Duration.ofSeconds(2))
                    .atMost(Duration.ofSeconds(3))
                    .until(() -> tail.forSubject(subject).isEmpty());

            // The hand-over fails: Kafka refuses a record over its size limit, so the claim is
            // given back.
            var claimed = rows.get(0);
            var tooLarge =
                    new OutboxRelay.Claimed(
                            claimed.id(),
                            claimed.topic(),
                            claimed.key(),
                            claimed.type(),
                            "x".repeat(2 * 1024 * 1024),
                            null);
            relay.publishCommitted(List.of(tooLarge));

            var received =
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> tail.forSubject(subject), list -> list.size() == 2);
            assertThat(received)
                    .extracting(r -> r.event().path("id").asText())
                    .containsExactly(first.id(), second.id());
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> row(claimed.id()).startsWith("sent|"));
        }
    }
}
