package cn.gridgov.dispatch.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.dispatch.reconcile.CaseServiceClient.OpenCase;
import cn.gridgov.dispatch.reconcile.Reconciliation.DispatchView;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The comparison of both views, without a database or a network: what counts as a difference, and
 * what waits.
 */
class ReconciliationCompareTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final Duration SETTLE = Duration.ofSeconds(5);
    private static final Instant LONG_AGO = NOW.minusSeconds(60);

    private static OpenCase theirs(
            UUID id, String status, String step, String handler, Instant updatedAt) {
        return new OpenCase(id, "2026-000001", status, step, handler, "DEPARTMENT", updatedAt);
    }

    private static DispatchView ours(
            UUID id, String status, String step, String lead, Instant fileAt, Instant decisionAt) {
        return new DispatchView(id, "2026-000001", status, step, fileAt, lead, decisionAt);
    }

    @Test
    @DisplayName("views that agree on status, step and handler make no difference")
    void agreementIsNoDifference() {
        var id = UUID.randomUUID();
        var report =
                Reconciliation.compare(
                        List.of(theirs(id, "HANDLING", "HANDLE", "ZHZF", LONG_AGO)),
                        List.of(ours(id, "HANDLING", "HANDLE", "ZHZF", LONG_AGO, LONG_AGO)),
                        NOW,
                        SETTLE);
        assertThat(report.differences()).isEmpty();
        assertThat(report.compared()).isEqualTo(1);
        assertThat(report.unsettled()).isZero();
    }

    @Test
    @DisplayName("each field that differs is one difference, with both sides' values")
    void eachFieldThatDiffers() {
        var id = UUID.randomUUID();
        var report =
                Reconciliation.compare(
                        List.of(theirs(id, "HANDLING", "HANDLE", "JD-S1", LONG_AGO)),
                        List.of(
                                ours(
                                        id,
                                        "DISPATCHED",
                                        "DEPARTMENT_ACCEPT",
                                        "ZHZF",
                                        LONG_AGO,
                                        LONG_AGO)),
                        NOW,
                        SETTLE);
        assertThat(report.differences())
                .extracting(d -> d.field() + " " + d.caseService() + " " + d.dispatch())
                .containsExactly(
                        "HANDLER JD-S1 ZHZF",
                        "STATUS HANDLING DISPATCHED",
                        "STEP HANDLE DEPARTMENT_ACCEPT");
    }

    @Test
    @DisplayName(
            "a change on either side within the settle time waits: counted unsettled, not a difference")
    void freshChangesWait() {
        UUID there = UUID.randomUUID(), file = UUID.randomUUID(), decision = UUID.randomUUID();
        var justNow = NOW.minusSeconds(1);
        var report =
                Reconciliation.compare(
                        List.of(
                                theirs(there, "HANDLING", "HANDLE", "ZHZF", justNow),
                                theirs(file, "HANDLING", "HANDLE", "ZHZF", LONG_AGO),
                                theirs(decision, "HANDLING", "HANDLE", "ZHZF", LONG_AGO)),
                        List.of(
                                ours(
                                        there,
                                        "DISPATCHED",
                                        "DEPARTMENT_ACCEPT",
                                        "ZHZF",
                                        LONG_AGO,
                                        LONG_AGO),
                                ours(
                                        file,
                                        "DISPATCHED",
                                        "DEPARTMENT_ACCEPT",
                                        "ZHZF",
                                        justNow,
                                        LONG_AGO),
                                ours(decision, "HANDLING", "HANDLE", "ZJJ", LONG_AGO, justNow)),
                        NOW,
                        SETTLE);
        assertThat(report.differences()).isEmpty();
        assertThat(report.unsettled()).isEqualTo(3);
        assertThat(report.unsettledCases()).containsExactlyInAnyOrder(there, file, decision);
        // Past the settle time the same views are differences.
        var later =
                Reconciliation.compare(
                        List.of(theirs(there, "HANDLING", "HANDLE", "ZHZF", justNow)),
                        List.of(
                                ours(
                                        there,
                                        "DISPATCHED",
                                        "DEPARTMENT_ACCEPT",
                                        "ZHZF",
                                        LONG_AGO,
                                        LONG_AGO)),
                        NOW.plus(SETTLE),
                        SETTLE);
        assertThat(later.differences()).hasSize(2);
    }

    @Test
    @DisplayName("a case only one side holds open is a difference: no file here, or not open there")
    void oneSidedCases() {
        UUID onlyThere = UUID.randomUUID(), onlyHere = UUID.randomUUID();
        var report =
                Reconciliation.compare(
                        List.of(theirs(onlyThere, "VERIFIED", "ACCEPT", null, LONG_AGO)),
                        List.of(ours(onlyHere, "HANDLING", "HANDLE", "ZHZF", LONG_AGO, null)),
                        NOW,
                        SETTLE);
        assertThat(report.differences())
                .extracting(
                        d ->
                                d.caseId()
                                        + " "
                                        + d.field()
                                        + " "
                                        + d.caseService()
                                        + " "
                                        + d.dispatch())
                .containsExactlyInAnyOrder(
                        onlyThere + " CASE_FILE VERIFIED null",
                        onlyHere + " STATUS not open HANDLING");
    }
}
