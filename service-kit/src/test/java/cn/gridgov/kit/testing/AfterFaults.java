package cn.gridgov.kit.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What a fault test checks once the faults are over and the services have settled, as counts the
 * test prints and asserts: the kit's tables (the outbox, the parked records) and Kafka's consumer
 * groups look the same in every service, so these checks are written once. Each answers how many
 * things are wrong; zero is the guarantee.
 */
public final class AfterFaults implements AutoCloseable {

    private final Connection connection;

    private AfterFaults(Connection connection) {
        this.connection = connection;
    }

    /** A service's database, as the services' role reaches it. */
    public static AfterFaults of(String jdbcUrl) throws SQLException {
        return new AfterFaults(DriverManager.getConnection(jdbcUrl, "gridgov", "gridgov"));
    }

    /** Any count the caller needs beside these (a service's own tables). */
    public long count(String sql, Object... parameters) throws SQLException {
        try (var statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (var rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** Outbox rows not on Kafka yet: once Kafka is back and the relay has run, none. */
    public long unsentEvents() throws SQLException {
        return count("select count(*) from outbox_event where sent_at is null");
    }

    /**
     * Records a consumer parked and nobody resolved: faults must park nothing, since an outage is
     * no record's fault.
     */
    public long parkedRecords() throws SQLException {
        return count("select count(*) from parked_event where resolved_at is null");
    }

    /** Events of a type in the outbox (dead-letter copies left out). */
    public long events(String type) throws SQLException {
        return count(
                "select count(*) from outbox_event where type = ? and topic not like '%.dlq'",
                type);
    }

    /**
     * Keys (the values of these fields of the events' data) for which the outbox holds more than
     * one event of the type: something that must happen once, written twice.
     */
    public long keysWrittenTwice(String type, String... dataFields) throws SQLException {
        var key = new StringBuilder();
        for (var field : dataFields) {
            key.append(key.isEmpty() ? "" : ", ")
                    .append("payload::jsonb -> 'data' ->> '")
                    .append(field)
                    .append('\'');
        }
        return count(
                "select count(*) from (select 1 from outbox_event where type = ? and topic not like"
                        + " '%.dlq' group by "
                        + key
                        + " having count(*) > 1) twice",
                type);
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    /**
     * Records on these topics that a consumer group has not committed: after a graceful stop and
     * once everything settled, every group has committed all it applied, so none. Groups of one
     * instance only ({@code perInstance}: a cache's group, read from the latest offset, abandoned
     * when its instance is killed) are left out: what they miss after their instance died is
     * nobody's to read.
     */
    public static Map<String, Long> uncommittedRecords(
            String bootstrap, Collection<String> topics, Predicate<String> perInstance)
            throws Exception {
        try (var admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var lag = new HashMap<String, Long>();
            for (var listed : admin.listGroups().all().get()) {
                var group = listed.groupId();
                if (perInstance.test(group)) {
                    continue;
                }
                var committed =
                        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
                var request = new HashMap<TopicPartition, OffsetSpec>();
                committed.keySet().stream()
                        .filter(partition -> topics.contains(partition.topic()))
                        .forEach(partition -> request.put(partition, OffsetSpec.latest()));
                if (request.isEmpty()) {
                    continue;
                }
                Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
                        admin.listOffsets(request).all().get();
                long behind = 0;
                for (var end : ends.entrySet()) {
                    var offset = committed.get(end.getKey());
                    behind += end.getValue().offset() - (offset == null ? 0 : offset.offset());
                }
                lag.put(group, behind);
            }
            return lag;
        }
    }

    /**
     * Where a group is behind, for the report of a failed check: per partition of these topics the
     * committed and end offsets, and the member (client id and host) that holds it now.
     */
    public static String whereBehind(String bootstrap, String group, Collection<String> topics)
            throws Exception {
        try (var admin =
                Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            var committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            var request = new HashMap<TopicPartition, OffsetSpec>();
            committed.keySet().stream()
                    .filter(partition -> topics.contains(partition.topic()))
                    .forEach(partition -> request.put(partition, OffsetSpec.latest()));
            var ends = admin.listOffsets(request).all().get();
            var holder = new HashMap<TopicPartition, String>();
            for (var member :
                    admin.describeConsumerGroups(java.util.List.of(group))
                            .all()
                            .get()
                            .get(group)
                            .members()) {
                for (var partition : member.assignment().topicPartitions()) {
                    holder.put(partition, member.clientId() + member.host());
                }
            }
            var lines = new TreeMap<String, String>();
            for (var end : ends.entrySet()) {
                long at = committed.get(end.getKey()).offset();
                if (at != end.getValue().offset()) {
                    lines.put(
                            end.getKey().toString(),
                            "committed "
                                    + at
                                    + ", end "
                                    + end.getValue().offset()
                                    + ", held by "
                                    + holder.getOrDefault(end.getKey(), "nobody"));
                }
            }
            return group + " " + lines;
        }
    }
}
