package cn.gridgov.cases;

import static org.assertj.core.api.Assertions.assertThat;

import cn.gridgov.cases.open311.GeoReport;
import cn.gridgov.cases.open311.Open311Format;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every GeoReport document, written by Jackson in both formats and read back equal: the XML by
 * Jackson XML and by the JDK's own parser (so it is well-formed XML 1.0 even where a description
 * holds characters XML forbids), the JSON a bare array for the list documents.
 */
class GeoReportDocumentsTest {

    /** Text a reporter may type: Chinese, an emoji, markup, quotes, an ampersand. */
    private static final String TEXT = "井盖 <缺失> & \"破损\" 'x' 🚧";

    static Stream<Arguments> documents() {
        var request =
                new GeoReport.Request(
                        "2026-000123",
                        "open",
                        "已上报，待核实",
                        "道路破损",
                        "0102",
                        TEXT,
                        "综合执法局",
                        null,
                        "2026-12-07T01:02:03Z",
                        "2026-12-07T01:02:04Z",
                        null,
                        "临港大道 1 号",
                        35.5,
                        119.6,
                        "https://example.org/p.jpg");
        var pending =
                new GeoReport.Request(
                        "2026-000124",
                        "closed",
                        "已并案",
                        "井盖缺失",
                        "0101",
                        "d",
                        null,
                        null,
                        "2026-12-07T01:02:03Z",
                        "2026-12-07T01:02:04Z",
                        "2026-12-08T01:00:00Z",
                        null,
                        null,
                        null,
                        null);
        return Stream.of(
                Arguments.of(
                        "discovery",
                        new GeoReport.Discovery(
                                "2026-12-07T00:00:00Z",
                                "指挥中心",
                                "ask an administrator",
                                List.of(
                                        new GeoReport.Endpoint(
                                                "http://wiki.open311.org/GeoReport_v2",
                                                "http://127.0.0.1:8082/open311/v2",
                                                "2026-12-07T00:00:00Z",
                                                "production",
                                                List.of("text/xml", "application/json"))))),
                Arguments.of(
                        "services",
                        new GeoReport.Services(
                                List.of(
                                        new GeoReport.Service(
                                                "0101",
                                                "井盖缺失",
                                                TEXT,
                                                true,
                                                "realtime",
                                                null,
                                                "城市综合"),
                                        new GeoReport.Service(
                                                "0102",
                                                "道路破损",
                                                "路面坑洞",
                                                false,
                                                "realtime",
                                                "road",
                                                "城市综合")))),
                Arguments.of(
                        "one service",
                        new GeoReport.Services(
                                List.of(
                                        new GeoReport.Service(
                                                "0101",
                                                "井盖缺失",
                                                TEXT,
                                                true,
                                                "realtime",
                                                null,
                                                "城市综合")))),
                Arguments.of("no services", new GeoReport.Services(List.of())),
                Arguments.of(
                        "service definition",
                        new GeoReport.ServiceDefinition(
                                "0101",
                                List.of(
                                        new GeoReport.Attribute(
                                                true,
                                                "cover_state",
                                                "singlevaluelist",
                                                true,
                                                null,
                                                1,
                                                "井盖现状",
                                                List.of(
                                                        new GeoReport.Value("missing", "缺失"),
                                                        new GeoReport.Value("broken", "破损"))),
                                        new GeoReport.Attribute(
                                                true, "area_m2", "number", false, "平方米", 2, "面积",
                                                List.of())))),
                Arguments.of("requests", new GeoReport.Requests(List.of(request, pending))),
                Arguments.of(
                        "receipts",
                        new GeoReport.Receipts(
                                List.of(
                                        new GeoReport.Receipt(
                                                "2026-000123",
                                                "7d0f6c1e-7d57-4c5b-a0a5-0b0c6f3f2b11",
                                                "已收到",
                                                "acct-1")))),
                Arguments.of(
                        "a receipt with a token alone",
                        new GeoReport.Receipts(
                                List.of(
                                        new GeoReport.Receipt(
                                                null,
                                                "7d0f6c1e-7d57-4c5b-a0a5-0b0c6f3f2b11",
                                                "待定位",
                                                null)))),
                Arguments.of(
                        "updates",
                        new GeoReport.Updates(
                                List.of(
                                        new GeoReport.Update(
                                                "2026-000123/2",
                                                "2026-000123",
                                                "INVESTIGATING",
                                                "2026-12-07T01:02:03Z",
                                                TEXT,
                                                null),
                                        new GeoReport.Update(
                                                "2026-000123/5",
                                                "2026-000123",
                                                "FIXED",
                                                "2026-12-07T02:02:03Z",
                                                "已结案",
                                                "https://example.org/after.jpg")))),
                Arguments.of(
                        "update receipts",
                        new GeoReport.UpdateReceipts(
                                List.of(new GeoReport.UpdateReceipt("2026-000123/6")))),
                Arguments.of(
                        "errors", new GeoReport.Errors(List.of(new GeoReport.Error(400, TEXT)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @DisplayName("every document is read back equal from its XML and from its JSON")
    void everyDocumentRoundTrips(String name, Object document) throws Exception {
        for (var format : Open311Format.values()) {
            var written = format.write(document);
            assertThat(format.read(written, document.getClass()))
                    .as(name + " in " + format)
                    .isEqualTo(document);
        }
        var xml = Open311Format.XML.write(document);
        assertThat(xml).startsWith("<?xml");
        assertThat(parses(xml)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documents")
    @DisplayName("a list document is a bare array in JSON")
    void listDocumentsAreArraysInJson(String name, Object document) {
        var json = Open311Format.JSON.write(document);
        assertThat(json.startsWith("["))
                .as(name)
                .isEqualTo(document instanceof GeoReport.ListDocument<?>);
    }

    @org.junit.jupiter.api.Test
    @DisplayName(
            "characters XML 1.0 forbids are written as U+FFFD, so the XML stays well-formed; JSON keeps them")
    void forbiddenCharactersKeepTheXmlWellFormed() throws Exception {
        var errors =
                new GeoReport.Errors(
                        List.of(new GeoReport.Error(400, "bell\u0007 and escape\u001b")));
        var xml = Open311Format.XML.write(errors);
        assertThat(parses(xml)).isTrue();
        assertThat(Open311Format.XML.read(xml, GeoReport.Errors.class).items().get(0).description())
                .isEqualTo("bell\uFFFD and escape\uFFFD");
        assertThat(
                        Open311Format.JSON.read(
                                Open311Format.JSON.write(errors), GeoReport.Errors.class))
                .isEqualTo(errors);
    }

    @org.junit.jupiter.api.Test
    @DisplayName(
            "the XML names are the specification's: snake case, long for the longitude, one element per item")
    void xmlNamesAreTheSpecifications() {
        var xml =
                Open311Format.XML.write(
                        new GeoReport.Requests(
                                List.of(
                                        new GeoReport.Request(
                                                "2026-000123",
                                                "open",
                                                null,
                                                null,
                                                "0102",
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                null,
                                                35.5,
                                                119.6,
                                                null))));
        assertThat(xml)
                .contains(
                        "<service_requests><request><service_request_id>2026-000123</service_request_id>")
                .contains("<lat>35.5</lat><long>119.6</long>");
        var definition =
                Open311Format.XML.write(
                        new GeoReport.ServiceDefinition(
                                "0101",
                                List.of(
                                        new GeoReport.Attribute(
                                                true,
                                                "cover_state",
                                                "singlevaluelist",
                                                true,
                                                null,
                                                1,
                                                "井盖现状",
                                                List.of(new GeoReport.Value("missing", "缺失"))))));
        assertThat(definition)
                .contains(
                        "<attributes><attribute><variable>true</variable><code>cover_state</code>")
                .contains("<values><value><key>missing</key><name>缺失</name></value></values>");
    }

    private static boolean parses(String xml) throws Exception {
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        return true;
    }
}
