package cn.gridgov.kit.testing.hostile;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;

/**
 * Hostile HTML forms ({@code application/x-www-form-urlencoded}, as Open311 takes them): the fields
 * the test names, each with a plausible value, then one field broken (text where a number goes,
 * NUL, broken UTF-8, a lone {@code %}, a number too large, very long text), given twice with
 * different values, or left out; or a body that is no form at all.
 */
final class FormBodies {

    private final Map<String, List<String>> fields;
    private final Draw<Integer> index = Draw.from(Arbitraries.integers().between(0, 1 << 20));
    private final Draw<String> inUrl = Draw.from(HostileText.inUrl());

    FormBodies(Map<String, List<String>> fields) {
        this.fields = fields;
    }

    Body next(String contentType) {
        var names = new ArrayList<>(fields.keySet());
        if (names.isEmpty() || index.next() % 10 == 0) {
            var garbage =
                    new String[] {
                        "",
                        "&&&",
                        "=",
                        "a=%",
                        "%zz=1",
                        "\u0000",
                        "{\"json\":true}",
                        "a".repeat(3000)
                    };
            var body = garbage[index.next() % garbage.length];
            return Body.of(contentType, body, "a form body '" + abbreviate(body) + "'", false);
        }
        var broken = names.get(index.next() % names.size());
        var form = new StringBuilder();
        String defect;
        int how = index.next() % 4;
        for (var name : names) {
            if (name.equals(broken) && how == 0) {
                continue;
            }
            var values = fields.get(name);
            var value =
                    name.equals(broken)
                            ? inUrl.next()
                            : HostileText.encode(values.get(index.next() % values.size()));
            append(form, name, value);
            if (name.equals(broken) && how == 1) {
                append(form, name, inUrl.next());
            }
        }
        defect =
                switch (how) {
                    case 0 -> "the field " + broken + " left out";
                    case 1 -> "the field " + broken + " twice, with hostile values";
                    default -> "a hostile " + broken;
                };
        return Body.of(
                contentType, form.toString(), defect + ": " + abbreviate(form.toString()), false);
    }

    private static void append(StringBuilder form, String name, String value) {
        if (!form.isEmpty()) {
            form.append('&');
        }
        form.append(name).append('=').append(value);
    }

    private static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "…" : text;
    }
}
