package cn.gridgov.grid.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.UUID;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope is the Kafka record value
 * and the record key is the subject (area code, staff id or department code), so the changes of
 * one thing stay in order. Unknown attributes are ignored when reading: consumers read tolerantly.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record CloudEvent(String specversion, String id, String source, String type, String subject, Instant time,
                         String datacontenttype, JsonNode data) {

    public static final String SOURCE = "/gridgov/grid-service";
    public static final String CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8";

    public static CloudEvent of(String type, String subject, Instant time, JsonNode data) {
        return new CloudEvent("1.0", UUID.randomUUID().toString(), SOURCE, type, subject, time,
                "application/json", data);
    }
}
