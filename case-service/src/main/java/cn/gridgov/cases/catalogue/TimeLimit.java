package cn.gridgov.cases.catalogue;

import java.util.regex.Pattern;

/** A step's time limit: so many hours, counted on the working calendar or around the clock. */
public record TimeLimit(double hours, boolean workingTime) {

    private static final Pattern NOTATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(wh|h)");

    public TimeLimit {
        if (!(hours > 0)) {
            throw new IllegalArgumentException("a time limit must be positive, got " + hours);
        }
    }

    /**
     * Reads the catalogue's notation: "2wh" is two working hours, "72h" seventy-two calendar hours.
     */
    public static TimeLimit parse(String notation) {
        var m = NOTATION.matcher(notation.strip());
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "time limit '" + notation + "' is not like '2wh' (working hours) or '72h'");
        }
        return new TimeLimit(Double.parseDouble(m.group(1)), m.group(2).equals("wh"));
    }

    public TimeLimit times(double factor) {
        return new TimeLimit(hours * factor, workingTime);
    }

    @Override
    public String toString() {
        return (hours == Math.rint(hours) ? String.valueOf((long) hours) : String.valueOf(hours))
                + (workingTime ? "wh" : "h");
    }
}
