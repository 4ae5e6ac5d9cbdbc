package cn.gridgov.cases.search;

import cn.gridgov.kit.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page ended: the last case's sort key and id, under the order it was read in. Clients get
 * it as an opaque string and send it back for the next page; a case reported meanwhile cannot shift
 * the pages, since the next page starts after this key, not after a count of rows (keyset paging).
 *
 * @param key the last case's sort key: its reported time, its due time (null when it has none,
 *     which sorts after every time) or its number's place in the order of numbers
 */
public record Cursor(CaseQuery.Sort sort, boolean descending, String key, UUID id) {

    private static final String VERSION = "c1";

    static Cursor after(CaseQuery.Sort sort, boolean descending, String key, UUID id) {
        return new Cursor(sort, descending, key, id);
    }

    public String encode() {
        var text =
                String.join(
                        "|",
                        VERSION,
                        sort.name(),
                        descending ? "d" : "a",
                        key == null ? "" : key,
                        id.toString());
        return Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor; 400 {@code CURSOR_UNREADABLE} naming {@code cursor} for anything this service
     * did not write.
     */
    public static Cursor decode(String encoded) {
        try {
            var parts =
                    new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8)
                            .split("\\|", -1);
            if (parts.length != 5 || !VERSION.equals(parts[0])) {
                throw unreadable();
            }
            var sort = CaseQuery.Sort.valueOf(parts[1]);
            var key = parts[3].isEmpty() ? null : parts[3];
            if (key != null) {
                switch (sort) {
                    case REPORTED_AT, DUE_AT -> Instant.parse(key);
                    case NUMBER -> Long.parseLong(key);
                }
            } else if (sort != CaseQuery.Sort.DUE_AT) {
                throw unreadable();
            }
            return new Cursor(sort, "d".equals(parts[2]), key, UUID.fromString(parts[4]));
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw unreadable();
        }
    }

    private static Problem unreadable() {
        return Problem.invalid(
                "CURSOR_UNREADABLE",
                "cursor",
                "cursor is not one this service gave; "
                        + "send back the nextCursor of the previous page unchanged");
    }
}
