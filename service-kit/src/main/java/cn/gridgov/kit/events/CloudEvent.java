package cn.gridgov.kit.events;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka record value
 * and the record key is the subject (a case id, an area code, a staff id), so one subject's events
 * stay in order. Unknown attributes are ignored when reading: consumers read tolerantly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, JsonNode data) {

    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent of(String source, String type, String subject, Instant time, JsonNode data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), source, type, subject, time, "application/json", data);
    }

    /** Whether the envelope has what every consumer relies on. */
    public boolean isComplete() {
        return id != null && type != null && subject != null;
    }
}
