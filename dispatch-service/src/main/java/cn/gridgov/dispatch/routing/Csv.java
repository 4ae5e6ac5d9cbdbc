package cn.gridgov.dispatch.routing;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Short code lists are stored as comma-separated text: readable in psql, no array mapping needed.
 */
public final class Csv {

    private Csv() {}

    public static List<String> split(String text) {
        if (text == null || text.isBlank()) {
            return List.of();
        }
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public static String join(Collection<String> codes) {
        return codes == null ? "" : String.join(",", codes);
    }
}
