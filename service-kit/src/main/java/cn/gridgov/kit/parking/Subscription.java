package cn.gridgov.kit.parking;

import cn.gridgov.contracts.EventType;
import java.util.Collection;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What a consumer takes from its topic: the event types it applies and those it knowingly ignores,
 * both from event-contracts. Any other type is parked, so an event of a type a producer started
 * publishing before its consumers learnt it is kept for a replay instead of being silently gone.
 *
 * @param name the consumer's channel (e.g. {@code dispatch-events}); parked rows and the operator
 *     API name it
 * @param topic the topic the channel reads, as configured (tests read topics of their own)
 * @param handles the types it applies
 * @param ignores the types it knowingly leaves alone
 * @param perSubjectOrder whether a subject's later events wait behind its parked one (true for
 *     every consumer whose effects depend on order; a location ping stands alone)
 * @param selective whether it takes only the types it handles from a topic whose main consumer
 *     answers for every other record: a record that is unreadable or of a type it does not handle
 *     is passed over, for the main consumer to park
 */
public record Subscription(
        String name,
        String topic,
        Set<String> handles,
        Set<String> ignores,
        boolean perSubjectOrder,
        boolean selective) {

    /** What a consumer does with an event of a type. */
    public enum Verdict {
        HANDLE,
        IGNORE,
        UNDECLARED
    }

    public Subscription {
        handles = Set.copyOf(handles);
        ignores = Set.copyOf(ignores);
        var both = handles.stream().filter(ignores::contains).toList();
        if (!both.isEmpty()) {
            throw new IllegalArgumentException(name + " both handles and ignores " + both);
        }
    }

    /**
     * A consumer whose subjects' events keep their order, handling and ignoring the types given.
     */
    public static Subscription of(
            String name,
            String topic,
            Collection<? extends EventType<?>> handles,
            Collection<? extends EventType<?>> ignores) {
        return new Subscription(name, topic, names(handles), names(ignores), true, false);
    }

    /**
     * A second consumer of a topic, in a consumer group of its own, that takes only the types it
     * handles (so that they never wait behind the others' backlog); the topic's main consumer
     * handles or ignores the rest and parks what it cannot read.
     */
    public static Subscription selective(
            String name, String topic, Collection<? extends EventType<?>> handles) {
        return new Subscription(name, topic, names(handles), Set.of(), true, true);
    }

    /** The same consumer, each of whose events stands alone: a parked one holds nothing back. */
    public Subscription withoutOrder() {
        return new Subscription(name, topic, handles, ignores, false, selective);
    }

    /**
     * The same consumer, knowingly ignoring these types too (a release that decides about a new
     * type).
     */
    public Subscription ignoring(String... types) {
        return new Subscription(
                name,
                topic,
                handles,
                Stream.concat(ignores.stream(), Stream.of(types)).collect(Collectors.toSet()),
                perSubjectOrder,
                selective);
    }

    public Verdict verdict(String type) {
        if (handles.contains(type)) {
            return Verdict.HANDLE;
        }
        return selective || ignores.contains(type) ? Verdict.IGNORE : Verdict.UNDECLARED;
    }

    /** Where this consumer's parked records are copied, with their error. */
    public String deadLetterTopic() {
        return topic + ".dlq";
    }

    private static Set<String> names(Collection<? extends EventType<?>> types) {
        return types.stream().map(EventType::name).collect(Collectors.toSet());
    }
}
