package cn.gridgov.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks an event as it is on the wire (the CloudEvent JSON) against its contract: the envelope has
 * the attributes every consumer relies on and no others, its type is a declared type, its {@code
 * dataschema} is that type's, and its data is valid against the type's JSON Schema (formats such as
 * uuid and date-time asserted). Tests use it on everything a service published and on the events
 * their test doubles send.
 */
public final class EventConformance {

    /** The envelope's attributes: all required, nothing else allowed. */
    public static final Set<String> ENVELOPE =
            Set.of(
                    "specversion",
                    "id",
                    "source",
                    "type",
                    "subject",
                    "time",
                    "datacontenttype",
                    "dataschema",
                    "data");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonSchemaFactory FACTORY = factory();
    private static final SchemaValidatorsConfig CONFIG =
            SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
    private static final Map<String, JsonSchema> SCHEMAS = new ConcurrentHashMap<>();

    private EventConformance() {}

    /**
     * What is wrong with this event (the record value as published); empty when it keeps its
     * contract.
     */
    public static List<String> problems(String payload) {
        JsonNode event;
        try {
            event = JSON.readTree(payload);
        } catch (IOException unreadable) {
            return List.of("not JSON: " + unreadable.getMessage());
        }
        if (event == null || !event.isObject()) {
            return List.of("not a JSON object");
        }
        var problems = new ArrayList<String>();
        event.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!ENVELOPE.contains(name)) {
                                problems.add("undocumented attribute \"" + name + "\"");
                            }
                        });
        for (var name : ENVELOPE) {
            if (!event.hasNonNull(name)) {
                problems.add("attribute \"" + name + "\" is missing");
            }
        }
        if (!"1.0".equals(event.path("specversion").asText())) {
            problems.add("specversion is not 1.0");
        }
        if (event.has("datacontenttype")
                && !"application/json".equals(event.path("datacontenttype").asText())) {
            problems.add("datacontenttype is not application/json");
        }
        var typeName = event.path("type").asText(null);
        var type = EventTypes.named(typeName);
        if (type.isEmpty()) {
            problems.add("type \"" + typeName + "\" is not a declared event type");
            return problems;
        }
        var dataschema = event.path("dataschema").asText(null);
        if (!type.get().dataschema().equals(dataschema)) {
            problems.add(
                    "dataschema is "
                            + dataschema
                            + ", "
                            + typeName
                            + " has "
                            + type.get().dataschema());
        }
        if (event.has("data")) {
            String data = event.get("data").toString();
            schemaOf(type.get())
                    .validate(data, InputFormat.JSON)
                    .forEach(error -> problems.add(typeName + " data: " + error.getMessage()));
        }
        return problems;
    }

    /** The JSON Schema of a type, as the validator holds it. */
    public static JsonSchema schemaOf(EventType<?> type) {
        return SCHEMAS.computeIfAbsent(
                type.dataschema(), id -> FACTORY.getSchema(SchemaLocation.of(id), CONFIG));
    }

    /** Every schema resource of the module, by its {@code $id}. */
    static Map<String, String> schemaTexts() {
        var texts = new HashMap<String, String>();
        var names = new ArrayList<String>();
        names.add("events/case-snapshot.schema.json");
        EventTypes.all().forEach(type -> names.add(type.schemaResource()));
        for (var name : names) {
            try (InputStream in = EventType.class.getClassLoader().getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException("schema " + name + " is not on the class path");
                }
                var text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                var id = JSON.readTree(text).path("$id").asText();
                if (texts.put(id, text) != null) {
                    throw new IllegalStateException("two schemas have the $id " + id);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return texts;
    }

    private static JsonSchemaFactory factory() {
        var texts = schemaTexts();
        return JsonSchemaFactory.getInstance(
                SpecVersion.VersionFlag.V202012,
                builder -> builder.schemaLoaders(loaders -> loaders.schemas(texts)));
    }
}
