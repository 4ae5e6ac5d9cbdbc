package cn.gridgov.contracts;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.contracts.dispatch.SlaWarning;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The check every service's published events go through finds what breaks a contract. */
class EventConformanceTest {

    private static final String ACCEPTED =
            ContractsTest.event(
                    CaseTypes.ACCEPTED, ContractsTest.snapshot("ACCEPTED", true, "DISPATCH"));

    @Test
    void anEventAsItsProducerWritesItKeepsItsContract() {
        assertThat(EventConformance.problems(ACCEPTED)).isEmpty();
    }

    @Test
    void anUndocumentedEnvelopeAttributeIsAProblem() {
        var event = ContractsTest.tree(ACCEPTED).put("complete", true);
        assertThat(EventConformance.problems(event.toString()))
                .containsExactly("undocumented attribute \"complete\"");
    }

    @Test
    void anEventWithoutItsDataschemaOrWithAnotherTypesIsAProblem() {
        var without = ContractsTest.tree(ACCEPTED);
        without.remove("dataschema");
        assertThat(EventConformance.problems(without.toString()))
                .anyMatch(p -> p.contains("\"dataschema\" is missing"));
        var other = ContractsTest.tree(ACCEPTED).put("dataschema", CaseTypes.CLOSED.dataschema());
        assertThat(EventConformance.problems(other.toString()))
                .anyMatch(p -> p.startsWith("dataschema is"));
    }

    @Test
    void aTypeNoContractDeclaresIsAProblem() {
        var routeStep = ContractsTest.tree(ACCEPTED).put("type", "case.something-new");
        assertThat(EventConformance.problems(routeStep.toString()))
                .containsExactly("type \"case.something-new\" is not a declared event type");
    }

    @Test
    void dataMissingARequiredFieldOrWithAFieldTheSchemaDoesNotListIsAProblem() {
        var event = ContractsTest.tree(ACCEPTED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("data")).remove("open");
        assertThat(EventConformance.problems(event.toString())).anyMatch(p -> p.contains("open"));
        var extra = ContractsTest.tree(ACCEPTED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) extra.get("data"))
                .put("sendBackCount", 1);
        assertThat(EventConformance.problems(extra.toString()))
                .anyMatch(p -> p.contains("sendBackCount"));
    }

    @Test
    void aStepOrAValueOutsideTheSchemasEnumerationIsAProblem() {
        var route = ContractsTest.tree(ACCEPTED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) route.get("data")).put("step", "ROUTE");
        assertThat(EventConformance.problems(route.toString())).anyMatch(p -> p.contains("step"));
        var red =
                ContractsTest.event(
                        DispatchTypes.SLA_WARNING,
                        new SlaWarning(
                                UUID.randomUUID(),
                                "HANDLE",
                                "PURPLE",
                                "URGE",
                                0,
                                Instant.now(),
                                Instant.now()));
        assertThat(EventConformance.problems(red)).anyMatch(p -> p.contains("color"));
    }

    @Test
    void aMalformedIdOrTimeInTheDataIsAProblem() {
        var event = ContractsTest.tree(ACCEPTED);
        ((com.fasterxml.jackson.databind.node.ObjectNode) event.get("data"))
                .put("caseId", "not-a-uuid")
                .put("stepDueAt", "tomorrow");
        var problems = EventConformance.problems(event.toString());
        assertThat(problems)
                .anyMatch(p -> p.contains("caseId"))
                .anyMatch(p -> p.contains("stepDueAt"));
    }

    @Test
    void somethingThatIsNotAnEventIsAProblem() {
        assertThat(EventConformance.problems("{\"id\":"))
                .hasSize(1)
                .first()
                .asString()
                .startsWith("not JSON");
        assertThat(EventConformance.problems("[]")).containsExactly("not a JSON object");
    }
}
