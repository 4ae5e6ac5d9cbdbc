package cn.gridgov.cases.catalogue;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/** The catalogue file as written by hand: sections of items, default time limits, calendar days. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CatalogueFile(
        Map<Urgency, Map<Step, String>> defaults, List<Section> sections, List<Day> calendar) {

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Section(String code, String name, List<Item> items) {}

    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Item(
            String code,
            String name,
            Urgency defaultUrgency,
            boolean photoRequired,
            String registerConditions,
            String closeConditions,
            Map<Urgency, Map<Step, String>> timeLimits,
            List<Attribute> attributes) {}

    /**
     * What an item's collection standard asks for beyond the description; {@code values} for the
     * list datatypes.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Attribute(
            String code,
            String datatype,
            boolean required,
            String description,
            String datatypeDescription,
            List<Value> values) {}

    public record Value(String key, String name) {}

    public record Day(LocalDate day, boolean working, String name) {}

    /** An item's limit for a step: its own if it has one, else the default. */
    public TimeLimit limitOf(Item item, Urgency urgency, Step step) {
        var own =
                item.timeLimits() == null
                        ? null
                        : item.timeLimits().getOrDefault(urgency, Map.of()).get(step);
        var notation = own != null ? own : defaults.get(urgency).get(step);
        if (notation == null) {
            throw new IllegalStateException(
                    "catalogue has no time limit for " + item.code() + " " + urgency + " " + step);
        }
        return TimeLimit.parse(notation);
    }
}
