package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.contracts.EventType;
import cn.gridgov.contracts.EventTypes;
import cn.gridgov.contracts.Topics;
import cn.gridgov.kit.testing.PublishedEvents;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (junit-platform.properties orders classes by
 * {@link Order}): every event the service published while they ran, read from its outbox, keeps its
 * contract (event-contracts: type, dataschema, envelope, data against the type's JSON Schema).
 */
@QuarkusTest
@Order(Integer.MAX_VALUE)
class PublishedEventsKeepTheirContractsTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @ConfigProperty(name = "quarkus.datasource.username")
    String user;

    @ConfigProperty(name = "quarkus.datasource.password")
    String password;

    @Test
    @DisplayName(
            "every event the service published during this test run is of one of its declared types and keeps that type's contract")
    void everyPublishedEventKeepsItsContract() throws Exception {
        var report = PublishedEvents.check(jdbcUrl, user, password, PublishedEvents.runStarted());
        System.out.printf(
                "published during the run and checked against their contracts: %d events %s%n",
                report.checked(), report.checkedByType());
        assertThat(report.checked())
                .as("events published during the run (run the module's other tests first)")
                .isPositive();
        assertThat(report.problems()).isEmpty();
        assertThat(report.checkedByType().keySet())
                .isSubsetOf(
                        EventTypes.on(Topics.CASE_EVENTS).stream().map(EventType::name).toList());
    }

    @Test
    @DisplayName("the topics configured for production are the contract's topic names")
    void configuredTopicsAreTheContracts() {
        assertThat(
                        PublishedEvents.configured(
                                List.of(
                                        "mp.messaging.outgoing.outbox.topic",
                                        "mp.messaging.incoming.dispatch-events.topic",
                                        "mp.messaging.incoming.grid-events.topic")))
                .containsExactlyInAnyOrderEntriesOf(
                        Map.ofEntries(
                                Map.entry("mp.messaging.outgoing.outbox.topic", Topics.CASE_EVENTS),
                                Map.entry(
                                        "mp.messaging.incoming.dispatch-events.topic",
                                        Topics.DISPATCH_EVENTS),
                                Map.entry(
                                        "mp.messaging.incoming.grid-events.topic",
                                        Topics.GRID_EVENTS)));
    }
}
