package cn.gridgov.kit.events;

import cn.gridgov.contracts.EventType;
import cn.gridgov.kit.parking.UnusableEvent;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka record value and
 * the record key is the subject (a case id, an area code, a staff id), so one subject's events stay
 * in order. {@code dataschema} names the JSON Schema (and its version) of {@code data}, as the
 * event type declares it in event-contracts. These attributes and no others are written; unknown
 * attributes are ignored when reading: consumers read tolerantly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        String dataschema,
        JsonNode data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    /** A new event of a declared type; {@code data} is the type's record as JSON. */
    public static CloudEvent of(
            String source, EventType<?> type, String subject, Instant time, JsonNode data) {
        return new CloudEvent(
                "1.0",
                UUID.randomUUID().toString(),
                source,
                type.name(),
                subject,
                time,
                "application/json",
                type.dataschema(),
                data);
    }

    /**
     * The data read as the record of a declared type (unknown fields ignored). An event of a type
     * that carries data but came without any cannot be used however often it is tried: {@link
     * UnusableEvent}, so its consumer parks it at once instead of failing on a null later.
     */
    public <D> D dataAs(EventType<D> type, ObjectMapper json) throws JsonProcessingException {
        if (data == null || data.isNull() || data.isMissingNode()) {
            throw new UnusableEvent(this.type + " " + id + " of " + subject + " has no data");
        }
        return json.treeToValue(data, type.dataClass());
    }

    /** Whether the envelope has what every consumer relies on. Not an attribute: never written. */
    @JsonIgnore
    public boolean isComplete() {
        return id != null && type != null && subject != null;
    }
}
