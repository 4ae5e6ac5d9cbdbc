package cn.gridgov.kit.ids;

import cn.gridgov.kit.problem.Problem;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * How people and programs name a case in every service's API: by its number, the one read aloud on
 * the phone (2026-000123), or by its id. Exactly one of the two is set.
 */
public record CaseRef(UUID id, String number) {

    /** The year, then at least six digits (numbers go past a million in a large city's year). */
    private static final Pattern NUMBER = Pattern.compile("\\d{4}-\\d{6,9}");

    public static CaseRef parse(String parameter, String text) {
        if (text != null && NUMBER.matcher(text).matches()) {
            return new CaseRef(null, text);
        }
        if (text != null && text.length() == 36) {
            try {
                return new CaseRef(UUID.fromString(text), null);
            } catch (IllegalArgumentException malformed) {
                // answered below
            }
        }
        throw new Problem(
                Problem.Kind.INVALID,
                "MALFORMED_CASE_REF",
                parameter,
                parameter
                        + " must be a case number like 2026-000123 or a case id, not '"
                        + Ids.shown(text)
                        + "'");
    }

    public boolean isId() {
        return id != null;
    }

    @Override
    public String toString() {
        return id != null ? id.toString() : number;
    }
}
