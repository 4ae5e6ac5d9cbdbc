package cn.gridgov.kit.testing.hostile;

import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Tuple;

/**
 * Text a stranger sends: injections, traversals, control characters, NUL, text in odd directions
 * and scripts, numbers where names go and names where numbers go, very long text; and, for URLs,
 * percent-encodings that decode to no text at all (broken UTF-8, a lone {@code %}).
 */
final class HostileText {

    static final List<String> CORPUS =
            List.of(
                    "",
                    " ",
                    "' OR '1'='1",
                    "'; drop table outbox_event; --",
                    "\"; select pg_sleep(0); --",
                    "../../../../etc/passwd",
                    "..\\..\\windows\\win.ini",
                    "<script>alert(1)</script>",
                    "${jndi:ldap://127.0.0.1:1/a}",
                    "#{7*7}",
                    "{{7*7}}",
                    "a\u0000b",
                    "\u0000",
                    "\u202Egnp.exe",
                    "\uFEFFbom",
                    "\uD83D\uDCA9\uD83D\uDCA9",
                    "井盖缺失\u200B",
                    "null",
                    "undefined",
                    "NaN",
                    "Infinity",
                    "-1",
                    "0",
                    "-0",
                    "1e309",
                    "99999999999999999999999999999999",
                    "-9223372036854775809",
                    "119.165",
                    "true",
                    "[]",
                    "{}",
                    "\\",
                    "\"",
                    "\r\nX-Injected: yes",
                    "%00",
                    "%s%s%s%n",
                    "2026-02-30",
                    "2026-12-07T25:61:61Z",
                    "00000000-0000-0000-0000-000000000000",
                    "not-a-uuid",
                    "G07",
                    "0101");

    /** Percent-encodings as they go on the wire, most of which decode to no valid text. */
    static final List<String> RAW_ENCODINGS =
            List.of(
                    "%00",
                    "%C3%28",
                    "%FF%FE",
                    "%ED%A0%80",
                    "%C0%AF",
                    "%E2%82",
                    "%zz",
                    "%",
                    "%2F",
                    "%2e%2e",
                    "%2e%2e%2f%2e%2e%2f",
                    "%0d%0aSet-Cookie:x=1",
                    "a%00b",
                    "%25%00",
                    "%u0000",
                    ";jsessionid=x",
                    "x;y=z");

    private HostileText() {}

    static Arbitrary<String> text() {
        return Arbitraries.frequencyOf(
                Tuple.of(5, Arbitraries.of(CORPUS)),
                Tuple.of(2, Arbitraries.strings().all().ofMinLength(1).ofMaxLength(24)),
                Tuple.of(
                        1,
                        Arbitraries.strings()
                                .withCharRange('\u0000', '\u001f')
                                .ofMinLength(1)
                                .ofMaxLength(4)),
                Tuple.of(1, Arbitraries.integers().between(256, 2500).map("A"::repeat)),
                Tuple.of(1, Arbitraries.integers().between(100, 800).map("好"::repeat)),
                Tuple.of(1, Arbitraries.longs().map(String::valueOf)),
                Tuple.of(1, Arbitraries.doubles().map(String::valueOf)));
    }

    /**
     * A value for a URL's path or query, as it goes on the wire; short enough that the request line
     * stays within the HTTP codec's limit (4,096), which answers 414 before any service code.
     */
    static Arbitrary<String> inUrl() {
        return Arbitraries.frequencyOf(
                Tuple.of(
                        3,
                        text().map(HostileText::encode)
                                .map(
                                        v ->
                                                v.length() > 900
                                                        ? v.substring(
                                                                0,
                                                                v.lastIndexOf('%', 900) < 0
                                                                        ? 900
                                                                        : v.lastIndexOf('%', 900))
                                                        : v)),
                Tuple.of(2, Arbitraries.of(RAW_ENCODINGS)));
    }

    /** Every byte that is not unreserved is percent-encoded, as UTF-8. */
    static String encode(String text) {
        var encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '_'
                    || c == '.'
                    || c == '~') {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format("%02X", c));
            }
        }
        return encoded.toString();
    }
}
