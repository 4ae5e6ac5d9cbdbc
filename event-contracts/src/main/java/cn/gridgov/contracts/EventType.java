package cn.gridgov.contracts;

import java.util.Objects;

/**
 * One type of event: its CloudEvents {@code type}, the topic it travels on, the record its {@code
 * data} is, and the version of its JSON Schema. The schema is the resource {@code
 * events/<type>.schema.json} in this module; its {@code $id} is {@link #dataschema()}, which every
 * event of the type carries as its CloudEvents {@code dataschema} attribute.
 *
 * @param <D> the record of the event's data
 */
public final class EventType<D> {

    private static final String SCHEMA_PREFIX = "urn:gridgov:events:";

    private final String name;
    private final String topic;
    private final Class<D> dataClass;
    private final int version;

    EventType(String name, String topic, Class<D> dataClass, int version) {
        this.name = Objects.requireNonNull(name);
        this.topic = Objects.requireNonNull(topic);
        this.dataClass = Objects.requireNonNull(dataClass);
        this.version = version;
    }

    /** The CloudEvents {@code type}, e.g. {@code case.accepted}. */
    public String name() {
        return name;
    }

    /** The topic it is published on (production name; tests use their own). */
    public String topic() {
        return topic;
    }

    public Class<D> dataClass() {
        return dataClass;
    }

    /** The version of the data's schema; it goes up with every change of the schema. */
    public int version() {
        return version;
    }

    /**
     * The CloudEvents {@code dataschema} of every event of this type, and its schema's {@code $id}.
     */
    public String dataschema() {
        return SCHEMA_PREFIX + name + ":" + version;
    }

    /** Where its JSON Schema is on the class path. */
    public String schemaResource() {
        return "events/" + name + ".schema.json";
    }

    /** Whether an event's {@code type} attribute names this type. */
    public boolean is(String type) {
        return name.equals(type);
    }

    @Override
    public String toString() {
        return name;
    }
}
