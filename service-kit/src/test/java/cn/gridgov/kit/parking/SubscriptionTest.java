package cn.gridgov.kit.parking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gridgov.contracts.DispatchTypes;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SubscriptionTest {

    private final Subscription subscription =
            Subscription.of(
                    "dispatch-events",
                    "dispatch-events.v1",
                    List.of(DispatchTypes.ROUTED),
                    List.of(DispatchTypes.DECISION_REALIGNED));

    @Test
    @DisplayName("a type is handled, knowingly ignored, or undeclared: nothing else")
    void everyTypeHasAVerdict() {
        assertThat(subscription.verdict("dispatch.routed")).isEqualTo(Subscription.Verdict.HANDLE);
        assertThat(subscription.verdict("dispatch.decision-realigned"))
                .isEqualTo(Subscription.Verdict.IGNORE);
        assertThat(subscription.verdict("dispatch.sent-back"))
                .isEqualTo(Subscription.Verdict.UNDECLARED);
        assertThat(subscription.verdict("dispatch.future-notice"))
                .isEqualTo(Subscription.Verdict.UNDECLARED);
        assertThat(
                        subscription
                                .ignoring("dispatch.future-notice")
                                .verdict("dispatch.future-notice"))
                .isEqualTo(Subscription.Verdict.IGNORE);
        assertThat(subscription.deadLetterTopic()).isEqualTo("dispatch-events.v1.dlq");
        assertThat(subscription.perSubjectOrder()).isTrue();
        assertThat(subscription.withoutOrder().perSubjectOrder()).isFalse();
    }

    @Test
    @DisplayName(
            "a selective consumer takes only its own types; every other one, known or not, is the main consumer's")
    void aSelectiveConsumerPassesOverEveryOtherType() {
        var supervision =
                Subscription.selective(
                        "supervision-events",
                        "dispatch-events.v1",
                        List.of(DispatchTypes.SLA_WARNING));
        assertThat(supervision.verdict("dispatch.sla-warning"))
                .isEqualTo(Subscription.Verdict.HANDLE);
        assertThat(supervision.verdict("dispatch.routed")).isEqualTo(Subscription.Verdict.IGNORE);
        assertThat(supervision.verdict("dispatch.future-notice"))
                .isEqualTo(Subscription.Verdict.IGNORE);
        assertThat(supervision.selective()).isTrue();
        assertThat(subscription.selective()).isFalse();
        assertThat(supervision.perSubjectOrder()).isTrue();
    }

    @Test
    @DisplayName("a type both handled and ignored is a mistake caught when the consumer is made")
    void aTypeIsNeverBothHandledAndIgnored() {
        assertThatThrownBy(
                        () ->
                                Subscription.of(
                                        "dispatch-events",
                                        "dispatch-events.v1",
                                        List.of(DispatchTypes.ROUTED),
                                        List.of(DispatchTypes.ROUTED)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dispatch.routed");
    }
}
