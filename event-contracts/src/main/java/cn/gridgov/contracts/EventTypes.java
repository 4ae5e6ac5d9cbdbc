package cn.gridgov.contracts;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every event type of every topic, for code that handles events it does not know in advance
 * (checks, tests).
 */
public final class EventTypes {

    private static final Map<String, EventType<?>> BY_NAME = new LinkedHashMap<>();

    static {
        var all = new ArrayList<EventType<?>>();
        all.addAll(CaseTypes.ALL);
        all.addAll(DispatchTypes.ALL);
        all.addAll(GridTypes.ALL);
        for (var type : all) {
            if (BY_NAME.put(type.name(), type) != null) {
                throw new IllegalStateException("event type " + type + " is declared twice");
            }
        }
    }

    private EventTypes() {}

    public static List<EventType<?>> all() {
        return List.copyOf(BY_NAME.values());
    }

    public static Optional<EventType<?>> named(String type) {
        return Optional.ofNullable(type == null ? null : BY_NAME.get(type));
    }

    /** The types published on a topic (its production name). */
    public static List<EventType<?>> on(String topic) {
        return Collections.unmodifiableList(
                BY_NAME.values().stream().filter(t -> t.topic().equals(topic)).toList());
    }
}
