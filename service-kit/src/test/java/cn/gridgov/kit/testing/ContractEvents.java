package cn.gridgov.kit.testing;

import cn.gridgov.contracts.EventConformance;
import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.events.CloudEvent;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import java.util.UUID;

/**
 * Test doubles' events: made from event-contracts' records and the kit's envelope, exactly as a
 * producing service writes them, and checked against their contract before a test sends them, so a
 * double can never send what the real producer cannot.
 */
public final class ContractEvents {

    /** As the services' ObjectMapper writes: ISO-8601 times, nulls included. */
    public static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private ContractEvents() {}

    /** An event of a service ({@code /gridgov/<service>}) about a subject, now, with a fresh id. */
    public static <D> String json(String service, EventType<D> type, String subject, D data) {
        return json(UUID.randomUUID(), service, type, subject, Instant.now(), data);
    }

    public static <D> String json(
            UUID id, String service, EventType<D> type, String subject, Instant time, D data) {
        var event =
                CloudEvent.of("/gridgov/" + service, type, subject, time, JSON.valueToTree(data));
        ObjectNode tree = JSON.valueToTree(event);
        tree.put("id", id.toString());
        var text = tree.toString();
        var problems = EventConformance.problems(text);
        if (!problems.isEmpty()) {
            throw new AssertionError(
                    "a test double's " + type + " breaks its contract: " + problems);
        }
        return text;
    }

    /** The record an event's data reads as, for tests that look at what a service published. */
    public static <D> D data(EventType<D> type, com.fasterxml.jackson.databind.JsonNode event) {
        try {
            return JSON.treeToValue(event.path("data"), type.dataClass());
        } catch (JsonProcessingException e) {
            throw new AssertionError(
                    type + " data cannot be read as " + type.dataClass().getSimpleName(), e);
        }
    }
}
