package cn.gridgov.kit.outbox;

import java.util.List;

/** Fired (CDI) after a batch of outbox events reached Kafka, for live views that follow them. */
public record OutboxPublished(List<OutboxRelay.Claimed> events) {}
