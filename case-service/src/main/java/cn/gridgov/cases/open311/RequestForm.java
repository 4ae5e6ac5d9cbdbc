package cn.gridgov.cases.open311;

import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.catalogue.CategoryAttribute;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MultivaluedMap;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A posted GeoReport request, read from its form and checked: the service is an item that may be
 * reported without a photo; the place is lat and long, or an address alone; every {@code
 * attribute[code]} (or {@code attribute[code][]} for a multivaluelist) the item's definition lists
 * is of its datatype, and the required ones are there; a client's attributes of its own are kept as
 * sent. A refusal is a 400 naming the field.
 */
record RequestForm(
        String serviceCode,
        Double lat,
        Double lon,
        String address,
        String description,
        String mediaUrl,
        Map<String, Object> attributes,
        Open311Requests.Contact contact,
        String deviceId) {

    static final int MAX_DESCRIPTION = 2000;
    private static final int MAX_SHORT = 200;
    private static final int MAX_OWN_ATTRIBUTES = 50;
    private static final Pattern ATTRIBUTE = Pattern.compile("attribute\\[([^\\]]+)\\](\\[\\])?");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final TypeReference<List<Map<String, String>>> VALUES = new TypeReference<>() {};

    /** Whether the request gives only an address, for a dispatcher to place. */
    boolean addressOnly() {
        return lat == null;
    }

    static RequestForm read(
            MultivaluedMap<String, String> form, Catalogue catalogue, ObjectMapper json) {
        var code = required(form, "service_code");
        var item =
                catalogue
                        .category(code)
                        .filter(c -> c.isItem() && c.active && !c.photoRequired)
                        .orElseThrow(
                                () ->
                                        Problem.invalid(
                                                "UNKNOWN_SERVICE",
                                                "service_code",
                                                "service_code "
                                                        + code
                                                        + " is not a service here; see services.json"));
        var latText = text(form, "lat", 40);
        var lonText = text(form, "long", 40);
        var address = text(form, "address_string", 500);
        Double lat = null;
        Double lon = null;
        if (latText != null || lonText != null) {
            lat = degrees(latText, "lat", 90);
            lon = degrees(lonText, "long", 180);
        } else if (address == null) {
            throw Problem.invalid(
                    "LOCATION_REQUIRED",
                    "lat",
                    "a location is required: lat and long, or address_string");
        }
        var description = text(form, "description", MAX_DESCRIPTION);
        var contact =
                new Open311Requests.Contact(
                        text(form, "first_name", MAX_SHORT),
                        text(form, "last_name", MAX_SHORT),
                        email(text(form, "email", 254)),
                        text(form, "phone", 40),
                        text(form, "account_id", MAX_SHORT));
        return new RequestForm(
                code,
                lat,
                lon,
                address,
                description == null ? "(no description)" : description,
                url(text(form, "media_url", 2000), "media_url"),
                attributes(form, catalogue.attributes(item.code), json),
                contact,
                text(form, "device_id", MAX_SHORT));
    }

    /**
     * The form's value of a field, stripped; null when absent or blank. PostgreSQL's text holds no
     * NUL.
     */
    static String text(MultivaluedMap<String, String> form, String field, int max) {
        var value = form.getFirst(field);
        if (value == null || value.isBlank()) {
            return null;
        }
        return checked(value.strip(), field, max);
    }

    static String required(MultivaluedMap<String, String> form, String field) {
        var value = text(form, field, MAX_SHORT);
        if (value == null) {
            throw Problem.invalid("REQUIRED", field, field + " is required");
        }
        return value;
    }

    static String url(String value, String field) {
        if (value == null) {
            return null;
        }
        try {
            var uri = new URI(value);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null) {
                return value;
            }
        } catch (URISyntaxException e) {
            // refused below, as any other address that is not a web page's
        }
        throw Problem.invalid("INVALID_URL", field, field + " must be an http or https URL");
    }

    static String email(String value) {
        if (value != null && !EMAIL.matcher(value).matches()) {
            throw Problem.invalid("INVALID_EMAIL", "email", "email must be an e-mail address");
        }
        return value;
    }

    private static String checked(String value, String field, int max) {
        if (value.length() > max) {
            throw Problem.invalid(
                    "TOO_LONG", field, field + " may have at most " + max + " characters");
        }
        if (value.indexOf('\u0000') >= 0) {
            throw Problem.invalid(
                    "NUL_CHARACTER", field, field + " must not contain the NUL character");
        }
        return value;
    }

    private static double degrees(String text, String field, double limit) {
        if (text == null) {
            throw Problem.invalid(
                    "LOCATION_REQUIRED",
                    field,
                    "lat and long go together: " + field + " is missing");
        }
        try {
            var value = Double.parseDouble(text);
            if (Double.isFinite(value) && Math.abs(value) <= limit) {
                return value;
            }
        } catch (NumberFormatException e) {
            // refused below with the range, which says what a number here is
        }
        throw Problem.invalid(
                "INVALID_LOCATION",
                field,
                "lat and long must be decimal degrees, lat within [-90, 90] and long within [-180, 180]");
    }

    private static Map<String, Object> attributes(
            MultivaluedMap<String, String> form,
            List<CategoryAttribute> defined,
            ObjectMapper json) {
        var given = new LinkedHashMap<String, List<String>>();
        form.forEach(
                (name, values) -> {
                    var matcher = ATTRIBUTE.matcher(name);
                    if (matcher.matches()) {
                        given.computeIfAbsent(matcher.group(1), code -> new ArrayList<>())
                                .addAll(values);
                    }
                });
        var accepted = new LinkedHashMap<String, Object>();
        for (var attribute : defined) {
            var values = given.remove(attribute.code);
            var field = "attribute[" + attribute.code + "]";
            var present =
                    values == null
                            ? List.<String>of()
                            : values.stream().filter(v -> !v.isBlank()).map(String::strip).toList();
            if (present.isEmpty()) {
                if (attribute.required) {
                    throw Problem.invalid(
                            "REQUIRED",
                            field,
                            field + " (" + attribute.description + ") is required");
                }
                continue;
            }
            accepted.put(attribute.code, value(attribute, present, field, json));
        }
        // Clients add attributes of their own (FixMyStreet: its report's id, title and URL): kept
        // as sent, unchecked.
        if (given.size() > MAX_OWN_ATTRIBUTES) {
            throw Problem.invalid(
                    "TOO_MANY_ATTRIBUTES",
                    "attribute",
                    "at most "
                            + MAX_OWN_ATTRIBUTES
                            + " attributes beyond the service's definition");
        }
        given.forEach(
                (code, values) -> {
                    var field = "attribute[" + checked(code, "attribute", MAX_SHORT) + "]";
                    var kept =
                            values.stream().map(v -> checked(v, field, MAX_DESCRIPTION)).toList();
                    accepted.put(code, kept.size() == 1 ? kept.get(0) : kept);
                });
        return accepted;
    }

    private static Object value(
            CategoryAttribute attribute, List<String> values, String field, ObjectMapper json) {
        if (!"multivaluelist".equals(attribute.datatype) && values.size() > 1) {
            throw Problem.invalid("ONE_VALUE", field, field + " takes one value");
        }
        var value = checked(values.get(0), field, MAX_DESCRIPTION);
        return switch (attribute.datatype) {
            case "number" -> {
                try {
                    yield Double.parseDouble(value);
                } catch (NumberFormatException e) {
                    throw Problem.invalid("INVALID_ATTRIBUTE", field, field + " must be a number");
                }
            }
            case "datetime" -> {
                try {
                    yield OffsetDateTime.parse(value).toString();
                } catch (DateTimeParseException e) {
                    throw Problem.invalid(
                            "INVALID_ATTRIBUTE",
                            field,
                            field + " must be a W3C date-time, e.g. 2026-11-01T08:00:00+08:00");
                }
            }
            case "singlevaluelist" -> listed(attribute, value, field, json);
            case "multivaluelist" ->
                    values.stream()
                            .map(v -> listed(attribute, checked(v, field, MAX_SHORT), field, json))
                            .toList();
            default -> value;
        };
    }

    private static String listed(
            CategoryAttribute attribute, String value, String field, ObjectMapper json) {
        try {
            var keys =
                    json.readValue(attribute.allowedValues, VALUES).stream()
                            .map(v -> v.get("key"))
                            .toList();
            if (keys.contains(value)) {
                return value;
            }
            throw Problem.invalid("INVALID_ATTRIBUTE", field, field + " must be one of " + keys);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(
                    "the catalogue's values of " + attribute.code + " are not JSON", e);
        }
    }
}
