package cn.gridgov.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.contracts.cases.CaseDispatched;
import cn.gridgov.contracts.cases.CaseEvaluated;
import cn.gridgov.contracts.cases.CaseMerged;
import cn.gridgov.contracts.cases.CaseParked;
import cn.gridgov.contracts.cases.CaseRecurred;
import cn.gridgov.contracts.cases.CaseReopened;
import cn.gridgov.contracts.cases.CaseReported;
import cn.gridgov.contracts.cases.CaseRework;
import cn.gridgov.contracts.cases.CaseSentBack;
import cn.gridgov.contracts.cases.CaseSnapshot;
import cn.gridgov.contracts.cases.DispatchRefused;
import cn.gridgov.contracts.cases.ExtensionApproved;
import cn.gridgov.contracts.cases.HotspotRaised;
import cn.gridgov.contracts.cases.ReporterNotified;
import cn.gridgov.contracts.dispatch.DecisionRealigned;
import cn.gridgov.contracts.dispatch.DepartmentAccepted;
import cn.gridgov.contracts.dispatch.DepartmentRef;
import cn.gridgov.contracts.dispatch.Escalated;
import cn.gridgov.contracts.dispatch.ReportedForDuty;
import cn.gridgov.contracts.dispatch.Routed;
import cn.gridgov.contracts.dispatch.SentBack;
import cn.gridgov.contracts.dispatch.SlaWarning;
import cn.gridgov.contracts.dispatch.WhistleBlown;
import cn.gridgov.contracts.dispatch.WhistleClosed;
import cn.gridgov.contracts.grid.AreaChanged;
import cn.gridgov.contracts.grid.AreaImportApplied;
import cn.gridgov.contracts.grid.AreaRemoved;
import cn.gridgov.contracts.grid.DepartmentChanged;
import cn.gridgov.contracts.grid.StaffChanged;
import cn.gridgov.contracts.grid.StaffLocation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.File;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ContractsTest {

    /** As the services' ObjectMapper writes: ISO-8601 times, nulls included. */
    private static final ObjectMapper JSON =
            new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private static final UUID CASE = UUID.fromString("0b8f7f6e-9d54-4c3b-a0a1-6f0f4c1c2b3d");
    private static final Instant AT = Instant.parse("2026-12-07T06:30:00.123456Z");
    private static final Actor PERSON = new Actor("ZHZF-1", "DEPARTMENT_STAFF", "ZHZF");

    static CaseSnapshot snapshot(String status, boolean open, String step) {
        return new CaseSnapshot(
                CASE,
                "2026-000042",
                status,
                open,
                "0101",
                "NORMAL",
                "GRID_WORKER",
                "G07",
                List.of(),
                119.165,
                35.004,
                null,
                step,
                step == null ? null : AT,
                step == null ? null : AT.plusSeconds(3600),
                step == null ? null : AT.plusSeconds(7200),
                "ZHZF",
                new Actor(null, "SYSTEM", null));
    }

    /** One event's data for every declared type, as its producer makes it. */
    static Map<EventType<?>, Object> samples() {
        var samples = new LinkedHashMap<EventType<?>, Object>();
        var accepted = snapshot("ACCEPTED", true, "DISPATCH");
        samples.put(
                CaseTypes.REPORTED,
                new CaseReported(
                        snapshot("REPORTED", true, "VERIFY"),
                        UUID.randomUUID(),
                        "井盖缺失",
                        AT,
                        List.of(UUID.randomUUID()),
                        List.of()));
        samples.put(CaseTypes.VERIFIED, snapshot("VERIFIED", true, "ACCEPT"));
        samples.put(CaseTypes.ACCEPTED, accepted);
        samples.put(
                CaseTypes.DISPATCHED,
                new CaseDispatched(
                        snapshot("DISPATCHED", true, "DEPARTMENT_ACCEPT"),
                        List.of(new DepartmentRef("ZJJ", "住建局"))));
        samples.put(CaseTypes.HANDLED_IN_GRID, snapshot("HANDLING", true, "HANDLE"));
        samples.put(CaseTypes.HANDLING, snapshot("HANDLING", true, "HANDLE"));
        samples.put(CaseTypes.SENT_BACK, new CaseSentBack(accepted, 1));
        samples.put(CaseTypes.RESULT_SUBMITTED, snapshot("RESULT_SUBMITTED", true, "CHECK"));
        samples.put(CaseTypes.REWORK, new CaseRework(snapshot("HANDLING", true, "HANDLE"), 1));
        samples.put(
                CaseTypes.REOPENED,
                new CaseReopened(
                        snapshot("ACCEPTED", true, "DISPATCH"),
                        UUID.fromString("00000000-0000-0000-0000-0000000000a2"),
                        "2026-000124",
                        1));
        samples.put(CaseTypes.CLOSED, snapshot("CLOSED", false, "EVALUATE"));
        samples.put(
                CaseTypes.EVALUATED,
                new CaseEvaluated(snapshot("EVALUATED", false, null), 5, true, 0, 0, false));
        samples.put(CaseTypes.REJECTED, snapshot("REJECTED", false, null));
        samples.put(
                CaseTypes.MERGED,
                new CaseMerged(snapshot("MERGED", false, null), UUID.randomUUID(), "2026-000041"));
        samples.put(
                CaseTypes.PARKED,
                new CaseParked(
                        snapshot("PARKED", true, "REVIEW"), java.time.LocalDate.of(2026, 12, 21)));
        samples.put(
                CaseTypes.EXTENSION_APPROVED,
                new ExtensionApproved(snapshot("HANDLING", true, "HANDLE"), new BigDecimal("8")));
        samples.put(CaseTypes.LOCATED, snapshot("ACCEPTED", true, "DISPATCH"));
        samples.put(
                CaseTypes.DISPATCH_REFUSED,
                new DispatchRefused(
                        snapshot("HANDLING", true, "HANDLE"),
                        UUID.randomUUID().toString(),
                        "dispatch.routed",
                        "dispatch.routed arrived while the case was HANDLING",
                        "DEPARTMENT"));
        samples.put(
                CaseTypes.REPORTER_NOTIFIED,
                new ReporterNotified(
                        CASE, "2026-000042", "CLOSED", List.of(UUID.randomUUID()), "您反映的问题已办结"));
        samples.put(
                CaseTypes.HOTSPOT_RAISED,
                new HotspotRaised(
                        UUID.randomUUID(),
                        "0602",
                        "G07",
                        119.165,
                        35.004,
                        50,
                        72,
                        AT,
                        List.of(
                                new HotspotRaised.Report(
                                        UUID.randomUUID(), "2026-000040", AT.minusSeconds(7200)),
                                new HotspotRaised.Report(
                                        UUID.randomUUID(), "2026-000041", AT.minusSeconds(3600)),
                                new HotspotRaised.Report(CASE, "2026-000042", AT))));
        samples.put(
                CaseTypes.RECURRED,
                new CaseRecurred(
                        CASE,
                        "2026-000042",
                        "0102",
                        AT.minusSeconds(86400),
                        "ZHZF",
                        "G07-2",
                        UUID.randomUUID(),
                        "2026-000057",
                        AT));
        samples.put(
                DispatchTypes.ROUTED,
                new Routed(
                        CASE,
                        "2026-000042",
                        "DEPARTMENT",
                        "ZHZF",
                        "综合执法局",
                        List.of(new DepartmentRef("ZJJ", "住建局")),
                        "R-0101",
                        "井盖 → 综合执法",
                        null,
                        AT,
                        null));
        samples.put(
                DispatchTypes.DEPARTMENT_ACCEPTED,
                new DepartmentAccepted(CASE, "ZHZF", "ZHZF-1", AT, PERSON));
        samples.put(
                DispatchTypes.SENT_BACK,
                new SentBack(CASE, "ZHZF", "不属本部门", 1, AT, "ZHZF-1", PERSON));
        samples.put(
                DispatchTypes.DECISION_REALIGNED,
                new DecisionRealigned(
                        CASE,
                        "2026-000042",
                        "DEPARTMENT",
                        "ZHZF",
                        "综合执法局",
                        "ACCEPTED",
                        "HANDLING",
                        "HANDLE",
                        UUID.randomUUID().toString(),
                        "dispatch.routed",
                        "dispatch.routed arrived while the case was HANDLING",
                        1,
                        AT));
        samples.put(
                DispatchTypes.SLA_WARNING,
                new SlaWarning(CASE, "HANDLE", "YELLOW", "URGE", 0, AT, AT));
        samples.put(
                DispatchTypes.WHISTLE_BLOWN,
                new WhistleBlown(
                        UUID.randomUUID(),
                        CASE,
                        "ROUTINE",
                        List.of("ZHZF"),
                        AT,
                        "G07-1",
                        new Actor("G07-1", "GRID_CHIEF", "GRID")));
        samples.put(
                DispatchTypes.REPORTED_FOR_DUTY,
                new ReportedForDuty(
                        UUID.randomUUID(), CASE, "ZHZF", true, 120.5, AT, "ZHZF-1", PERSON));
        samples.put(
                DispatchTypes.ESCALATED,
                new Escalated(CASE, UUID.randomUUID(), "ZHZF", 1, "SUPERVISOR", "late"));
        samples.put(DispatchTypes.WHISTLE_CLOSED, new WhistleClosed(UUID.randomUUID(), CASE));
        samples.put(
                GridTypes.AREA_CHANGED,
                new AreaChanged(
                        "G07",
                        "七网格",
                        "GRID",
                        "COMPREHENSIVE",
                        "BG01",
                        JSON.createObjectNode()
                                .put("type", "MultiPolygon")
                                .set("coordinates", JSON.createArrayNode())));
        samples.put(GridTypes.AREA_REMOVED, new AreaRemoved("G49", "D01-S1-C1", 3));
        samples.put(
                GridTypes.AREA_IMPORT_APPLIED,
                new AreaImportApplied(
                        3, "CC-ADMIN-1", List.of("G50"), List.of("G07"), List.of("G49")));
        samples.put(
                GridTypes.STAFF_CHANGED,
                new StaffChanged(
                        "G07-2",
                        "王五",
                        null,
                        null,
                        List.of(new StaffChanged.Post("GRID_WORKER", "G07")),
                        true,
                        new StaffChanged.LastLocation(119.165, 35.004, 8.0, AT)));
        samples.put(
                GridTypes.DEPARTMENT_CHANGED,
                new DepartmentChanged(
                        "ZHZF",
                        "综合执法局",
                        "DISTRICT",
                        List.of("01", "0203"),
                        List.of("D01"),
                        List.of()));
        samples.put(
                GridTypes.STAFF_LOCATION, new StaffLocation("G07-2", 119.165, 35.004, null, AT));
        return samples;
    }

    static String event(EventType<?> type, Object data) {
        ObjectNode event =
                JSON.createObjectNode()
                        .put("specversion", "1.0")
                        .put("id", UUID.randomUUID().toString())
                        .put("source", "/gridgov/test")
                        .put("type", type.name())
                        .put("subject", CASE.toString())
                        .put("time", AT.toString())
                        .put("datacontenttype", "application/json")
                        .put("dataschema", type.dataschema());
        event.set("data", JSON.valueToTree(data));
        return event.toString();
    }

    @Test
    void everyDeclaredTypeHasAsSchemaTheResourceWhoseIdIsItsDataschema() throws Exception {
        for (var type : EventTypes.all()) {
            try (var in = getClass().getClassLoader().getResourceAsStream(type.schemaResource())) {
                assertThat(in).as(type.schemaResource()).isNotNull();
                assertThat(JSON.readTree(in).path("$id").asText())
                        .as(type.name())
                        .isEqualTo(type.dataschema());
            }
        }
        assertThat(type("case.accepted").dataschema())
                .isEqualTo("urn:gridgov:events:case.accepted:1");
    }

    @Test
    void everySchemaFileBelongsToADeclaredTypeOrIsTheSnapshot() {
        var files = new File("src/main/resources/events").list();
        assertThat(files).isNotNull();
        var declared = new HashSet<String>();
        EventTypes.all()
                .forEach(t -> declared.add(t.schemaResource().substring("events/".length())));
        declared.add("case-snapshot.schema.json");
        assertThat(declared).containsExactlyInAnyOrder(files);
    }

    @Test
    void everyTypeIsOnTheTopicItsNameBelongsTo() {
        assertThat(EventTypes.on(Topics.CASE_EVENTS))
                .hasSize(CaseTypes.ALL.size())
                .allMatch(t -> t.name().startsWith("case."));
        assertThat(EventTypes.on(Topics.DISPATCH_EVENTS))
                .allMatch(t -> t.name().startsWith("dispatch."));
        assertThat(EventTypes.on(Topics.GRID_EVENTS)).allMatch(t -> t.name().startsWith("grid."));
        assertThat(EventTypes.on(Topics.STAFF_LOCATIONS)).containsExactly(GridTypes.STAFF_LOCATION);
    }

    @Test
    void theRecordOfEveryTypeWritesDataItsSchemaAccepts() {
        var samples = samples();
        assertThat(samples.keySet()).containsExactlyInAnyOrderElementsOf(EventTypes.all());
        samples.forEach(
                (type, data) -> {
                    assertThat(type.dataClass()).isInstanceOf(Class.class);
                    assertThat(type.dataClass().isInstance(data)).as(type.name()).isTrue();
                    assertThat(EventConformance.problems(event(type, data)))
                            .as(type.name())
                            .isEmpty();
                });
    }

    @Test
    void theDataOfEveryTypeReadsBackAsItsRecord() throws Exception {
        for (var entry : samples().entrySet()) {
            var written = JSON.writeValueAsString(entry.getValue());
            var read = JSON.readValue(written, entry.getKey().dataClass());
            assertThat(JSON.writeValueAsString(read)).as(entry.getKey().name()).isEqualTo(written);
        }
    }

    @Test
    void anyCaseEventButTheReportersNoticeReadsAsASnapshotThatSaysWhetherTheCaseIsOpen()
            throws Exception {
        var closed =
                JSON.readValue(
                        JSON.writeValueAsString(
                                new CaseEvaluated(
                                        snapshot("EVALUATED", false, null), 4, true, 0, 0, true)),
                        CaseSnapshot.class);
        assertThat(closed.open()).isFalse();
        assertThat(closed.caseId()).isEqualTo(CASE);
        assertThat(CaseTypes.carriesSnapshot(CaseTypes.EVALUATED.name())).isTrue();
        assertThat(CaseTypes.carriesSnapshot(CaseTypes.REPORTER_NOTIFIED.name())).isFalse();
        assertThat(CaseTypes.carriesSnapshot(CaseTypes.HOTSPOT_RAISED.name())).isFalse();
        assertThat(CaseTypes.carriesSnapshot(CaseTypes.RECURRED.name())).isFalse();
        assertThat(CaseTypes.carriesSnapshot(DispatchTypes.ROUTED.name())).isFalse();
    }

    private static EventType<?> type(String name) {
        return EventTypes.named(name).orElseThrow();
    }

    static ObjectNode tree(String event) {
        try {
            return (ObjectNode) JSON.readTree(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Object require(Object o) {
        return Objects.requireNonNull(o);
    }
}
