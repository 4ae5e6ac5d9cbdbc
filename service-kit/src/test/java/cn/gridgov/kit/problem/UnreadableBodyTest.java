package cn.gridgov.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** An unreadable body is answered in the client's terms: the field and what it must be. */
class UnreadableBodyTest {

    enum Source {
        GRID_WORKER,
        HOTLINE
    }

    record Point(double longitude, double latitude) {}

    record Report(String reportId, Source source, int hours, boolean urgent, List<Point> points) {}

    private static final String VALID =
            "{\"reportId\":\"r\",\"source\":\"HOTLINE\",\"hours\":8,\"urgent\":true,\"points\":[{\"longitude\":119.1,\"latitude\":35.0}]}";

    private final ObjectMapper json = StrictJsonTest.strict();

    @Property
    @Label(
            "the refusal names the field and what it must be, and never a Java class or Jackson's settings")
    void refusalsSpeakTheClientsTerms(@ForAll("broken") String[] bodyFieldAndWords) {
        var refusal = refusalOf(bodyFieldAndWords[0]);
        assertThat(refusal.code()).isEqualTo("UNREADABLE_BODY");
        assertThat(refusal.field()).isEqualTo(bodyFieldAndWords[1]);
        assertThat(refusal.message())
                .contains(bodyFieldAndWords[2])
                .doesNotContainPattern("java|cn\\.gridgov|jackson|Feature|Exception|`");
    }

    @Provide
    Arbitrary<String[]> broken() {
        return Arbitraries.of(
                new String[] {VALID.replace("\"r\"", "42"), "reportId", "must be text"},
                new String[] {VALID.replace("\"HOTLINE\"", "\"PIGEON\""), "source", "HOTLINE"},
                new String[] {VALID.replace("\"HOTLINE\"", "1"), "source", "must be one of"},
                new String[] {VALID.replace(":8,", ":8.5,"), "hours", "whole number"},
                new String[] {VALID.replace(":8,", ":\"8\","), "hours", "whole number"},
                new String[] {VALID.replace("true", "\"yes\""), "urgent", "true or false"},
                new String[] {
                    VALID.replace("119.1", "\"119.1\""), "points.[0].longitude", "must be a number"
                },
                new String[] {VALID.replace("119.1", "1e999"), "points.[0].longitude", "finite"},
                new String[] {VALID.replace("[{", "{").replace("}]", "}"), "points", "array"},
                new String[] {"{\"hours\":1," + VALID.substring(1), "hours", "given twice"},
                new String[] {"[]", null, "must be a JSON object"},
                new String[] {"\"text\"", null, "must be a JSON object"},
                new String[] {"{\"reportId\":", null, "not valid JSON"},
                new String[] {VALID + " trailing", null, "not valid JSON"},
                new String[] {
                    "{\"reportId\":\"r\",\"extra\":" + "[".repeat(2_000), null, "not valid JSON"
                });
    }

    private ErrorBody refusalOf(String body) {
        try {
            json.readValue(body, Report.class);
        } catch (JsonProcessingException e) {
            return (ErrorBody) new ErrorMappers().unreadable(e).getEntity();
        }
        throw new AssertionError("read without a refusal: " + body);
    }
}
