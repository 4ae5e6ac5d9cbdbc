package cn.gridgov.kit.ids;

import cn.gridgov.kit.problem.Problem;
import java.util.UUID;

/**
 * Identifiers taken from a path or a query string. Endpoints take them as text and parse them here,
 * because a parameter the framework fails to convert answers 404: a malformed identifier is the
 * client's mistake (400, naming the parameter), an unknown one is 404.
 */
public final class Ids {

    private Ids() {}

    public static UUID uuid(String parameter, String text) {
        try {
            if (text != null && text.length() == 36) {
                return UUID.fromString(text);
            }
        } catch (IllegalArgumentException malformed) {
            // answered below
        }
        throw new Problem(
                Problem.Kind.INVALID,
                "MALFORMED_ID",
                parameter,
                parameter
                        + " must be an id like 3f2b8c1e-5d4a-4f6b-9c7d-2e1a0b9c8d7f, not '"
                        + shown(text)
                        + "'");
    }

    static String shown(String text) {
        if (text == null) {
            return "";
        }
        return text.length() > 60 ? text.substring(0, 60) + "…" : text;
    }
}
