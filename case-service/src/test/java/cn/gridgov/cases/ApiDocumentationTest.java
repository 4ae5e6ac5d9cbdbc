package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.kit.testing.ApiDocumentation;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ApiDocumentationTest {

    @Test
    @DisplayName(
            "every operation of case-service's API document says what it does, what it answers, with which errors, and shows an example of what it takes")
    void everyOperationIsDocumented() {
        assertThat(ApiDocumentation.shortcomings()).as("operations documented short").isEmpty();
    }
}
