package cn.gridgov.kit.problem;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Label;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** JSON is read as written: what Jackson would guess at, a strict reader refuses. */
class StrictJsonTest {

    enum Urgency {
        NORMAL,
        URGENT
    }

    record Report(
            double longitude,
            Integer hours,
            boolean verified,
            String note,
            Urgency urgency,
            List<String> photoIds) {}

    private static final String VALID =
            "{\"longitude\":119.165,\"hours\":8,\"verified\":true,\"note\":\"well\",\"urgency\":\"URGENT\",\"photoIds\":[\"a\"]}";

    private static final java.util.Map<String, String> VALUES =
            java.util.Map.of(
                    "longitude",
                    "119.2",
                    "hours",
                    "4",
                    "verified",
                    "false",
                    "note",
                    "\"again\"",
                    "urgency",
                    "\"NORMAL\"",
                    "photoIds",
                    "[]");

    private final ObjectMapper json = strict();

    static ObjectMapper strict() {
        // As Quarkus configures it: unknown properties are skipped.
        var mapper =
                new ObjectMapper()
                        .disable(
                                com.fasterxml.jackson.databind.DeserializationFeature
                                        .FAIL_ON_UNKNOWN_PROPERTIES);
        new StrictJson().customize(mapper);
        new StorableText().customize(mapper);
        return mapper;
    }

    @Property
    @Label(
            "a value of another type at any field is refused, naming the field; the right types are read")
    void wrongTypesAreRefused(@ForAll("wrongTypes") String[] fieldAndValue) throws Exception {
        assertThat(json.readValue(VALID, Report.class).longitude()).isEqualTo(119.165);
        var field = fieldAndValue[0];
        var body =
                VALID.replaceFirst(
                        "\"" + field + "\":(\\[[^]]*]|\"[^\"]*\"|[^,}]+)",
                        java.util.regex.Matcher.quoteReplacement(
                                "\"" + field + "\":" + fieldAndValue[1]));
        assertThatThrownBy(() -> json.readValue(body, Report.class))
                .as(body)
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining(field);
    }

    @Provide
    Arbitrary<String[]> wrongTypes() {
        return Arbitraries.of(
                new String[] {"longitude", "\"119.165\""},
                new String[] {"longitude", "\"\""},
                new String[] {"longitude", "true"},
                new String[] {"longitude", "1e999"},
                new String[] {"longitude", "-1e400"},
                new String[] {"hours", "8.5"},
                new String[] {"hours", "\"8\""},
                new String[] {"hours", "2147483648"},
                new String[] {"verified", "\"true\""},
                new String[] {"verified", "1"},
                new String[] {"note", "42"},
                new String[] {"note", "true"},
                new String[] {"note", "\"nul\\u0000\""},
                new String[] {"note", "\"half \\ud800 a pair\""},
                new String[] {"note", "\"\\udc00 the other half alone\""},
                new String[] {"urgency", "0"},
                new String[] {"urgency", "\"urgent\""},
                new String[] {"urgency", "\"\""},
                new String[] {"photoIds", "\"a\""});
    }

    @Property
    @Label("a key given twice is refused, whichever it is")
    void duplicateKeysAreRefused(@ForAll("fields") String field) {
        var body =
                VALID.substring(0, VALID.length() - 1)
                        + ",\""
                        + field
                        + "\":"
                        + VALUES.get(field)
                        + "}";
        assertThatThrownBy(() -> json.readValue(body, Report.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("Duplicate field '" + field + "'");
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.of("longitude", "hours", "verified", "note", "urgency", "photoIds");
    }

    @net.jqwik.api.Example
    @Label(
            "bytes that are not UTF-8 and decode to half a surrogate pair (ED A0 80) are refused, naming the field; a whole pair is read")
    void halfASurrogatePairIsRefused() throws Exception {
        var body = new java.io.ByteArrayOutputStream();
        body.write(VALID.replace("\"note\":\"", "\"note\":\"x").getBytes(UTF_8));
        var bytes = body.toByteArray();
        var at = new String(bytes, UTF_8).indexOf("\"note\":\"x") + "\"note\":\"".length();
        var broken = new java.io.ByteArrayOutputStream();
        broken.write(bytes, 0, at);
        broken.write(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80});
        broken.write(bytes, at + 1, bytes.length - at - 1);
        assertThatThrownBy(() -> json.readValue(broken.toByteArray(), Report.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("note");
        var whole = VALID.replace("\"note\":\"", "\"note\":\"\uD83D\uDE00");
        assertThat(json.readValue(whole.getBytes(UTF_8), Report.class).note())
                .startsWith("\uD83D\uDE00");
    }

    record Ping(java.time.Instant at, java.time.LocalDate day) {}

    @net.jqwik.api.Example
    @Label(
            "a moment or a day given as a number is refused, naming the field; ISO 8601 text is read")
    void datesAreText() throws Exception {
        var mapper =
                new ObjectMapper()
                        .registerModule(new com.fasterxml.jackson.datatype.jsr310.JavaTimeModule());
        new StrictJson().customize(mapper);
        var ping =
                mapper.readValue(
                        "{\"at\":\"2026-12-07T08:30:00Z\",\"day\":\"2026-12-07\"}", Ping.class);
        assertThat(ping.at()).isEqualTo(java.time.Instant.parse("2026-12-07T08:30:00Z"));
        assertThatThrownBy(() -> mapper.readValue("{\"at\":42}", Ping.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("at");
        assertThatThrownBy(() -> mapper.readValue("{\"day\":20261207}", Ping.class))
                .isInstanceOf(JsonProcessingException.class)
                .hasMessageContaining("day");
    }

    @Property(tries = 50)
    @Label("anything after the body is refused")
    void trailingTokensAreRefused(@ForAll("trailing") String trailing) {
        assertThatThrownBy(() -> json.readValue(VALID + trailing, Report.class))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Provide
    Arbitrary<String> trailing() {
        return Arbitraries.of(" x", "{}", "[]", "1", "\"a\"", " null");
    }
}
