package cn.gridgov.kit.testing.hostile;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Tuple;

/**
 * Hostile JSON bodies for an operation: a well-shaped body is built from the operation's schema (or
 * an example the test gives), then broken in one way that a strict reader must refuse: a value of
 * the wrong type at a field, NUL in text, bytes that are not UTF-8, nesting deeper than any reader
 * should follow, numbers too large for any type, a key given twice, text that is not JSON, a body
 * that is not an object, the wrong media type. The body's other text fields are often filled with
 * hostile text that is valid on its own.
 */
final class JsonBodies {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "\u0001BROKEN\u0001";

    /** A typed place in the body: where, the type its schema gives, and its schema. */
    record Slot(JsonPointer at, String type) {}

    private record Shape(JsonNode skeleton, List<Slot> slots) {}

    enum Defect {
        WRONG_TYPE,
        NUL_IN_TEXT,
        BROKEN_UTF8,
        DEEP_NESTING,
        HUGE_NUMBER,
        DUPLICATE_KEY,
        NOT_JSON,
        WRONG_ROOT,
        WRONG_MEDIA_TYPE,
        OVERSIZED
    }

    private final OpenApiDocument document;
    private final Map<String, List<String>> plausible;
    private final Map<String, JsonNode> examples;
    private final int maxBodyBytes;
    private final Draw<Defect> defects =
            Draw.from(
                    Arbitraries.frequency(
                            Tuple.of(30, Defect.WRONG_TYPE),
                            Tuple.of(8, Defect.NUL_IN_TEXT),
                            Tuple.of(8, Defect.BROKEN_UTF8),
                            Tuple.of(5, Defect.DEEP_NESTING),
                            Tuple.of(8, Defect.HUGE_NUMBER),
                            Tuple.of(5, Defect.DUPLICATE_KEY),
                            Tuple.of(12, Defect.NOT_JSON),
                            Tuple.of(6, Defect.WRONG_ROOT),
                            Tuple.of(5, Defect.WRONG_MEDIA_TYPE),
                            Tuple.of(1, Defect.OVERSIZED)));
    private final Draw<String> text = Draw.from(HostileText.text());
    private final Draw<Integer> index = Draw.from(Arbitraries.integers().between(0, 1 << 20));
    private final Draw<Boolean> coin = Draw.from(Arbitraries.of(true, false));
    private final Draw<Integer> depth = Draw.from(Arbitraries.integers().between(1_001, 30_000));
    private final Draw<String> notJson =
            Draw.from(
                    Arbitraries.of(
                            "",
                            " ",
                            "{",
                            "}",
                            "{\"a\":}",
                            "{\"a\":1,}",
                            "{'a':'b'}",
                            "{a:1}",
                            "{\"a\":1} trailing",
                            "{\"a\":1}{\"b\":2}",
                            "{\"a\":NaN}",
                            "{\"a\":Infinity}",
                            "{\"a\":-Infinity}",
                            "{\"a\":01}",
                            "{\"a\":1.}",
                            "{\"a\":.5}",
                            "{\"a\":0x10}",
                            "{\"a\":\"unterminated}",
                            "{\"a\":\"\\u12\"}",
                            "{\"a\":\"\\x41\"}",
                            "{\"a\":\"line\nbreak\"}",
                            "{\"a\":\"\u0000\"}",
                            "/* comment */ {}",
                            "// comment\n{}",
                            "<?xml version=\"1.0\"?><a/>",
                            "a=b&c=d",
                            "\u0000\u0000\u0000",
                            "[1,2",
                            "{\"a\":[1,2}"));
    private final Draw<String> wrongRoot =
            Draw.from(
                    Arbitraries.of(
                            "null",
                            "[]",
                            "[{}]",
                            "\"text\"",
                            "42",
                            "-1.5",
                            "true",
                            "false",
                            "\"\""));
    private final Draw<String> hugeNumber =
            Draw.from(
                    Arbitraries.of(
                            "1e999999",
                            "-1e999999",
                            "1E400",
                            "123456789012345678901234567890",
                            "-9223372036854775809",
                            "9223372036854775808",
                            "2147483648",
                            "1" + "0".repeat(1_200),
                            "0." + "0".repeat(1_200) + "1"));
    private final Draw<String> wrongMediaType =
            Draw.from(
                    Arbitraries.of(
                            "text/plain",
                            "application/xml",
                            "application/octet-stream",
                            "application/x-www-form-urlencoded",
                            "multipart/form-data; boundary=x",
                            "image/jpeg",
                            "application/json; charset=ebcdic",
                            "garbage",
                            ""));

    JsonBodies(
            OpenApiDocument document,
            Map<String, List<String>> plausible,
            Map<String, JsonNode> examples,
            int maxBodyBytes) {
        this.document = document;
        this.plausible = plausible;
        this.examples = examples;
        this.maxBodyBytes = maxBodyBytes;
    }

    Body next(Endpoint endpoint, String contentType) {
        var shape = shape(endpoint);
        var skeleton = shape.skeleton().deepCopy();
        if (coin.next()) {
            fillTextWithHostileText(skeleton, shape.slots());
        }
        var defect = defects.next();
        var strings = slotsOf(shape.slots(), "string");
        var numbers = slotsOf(shape.slots(), "number");
        // Bodies larger than 16 MB are left to the service's own test: thousands would take
        // minutes.
        if (defect == Defect.OVERSIZED && maxBodyBytes > 16 * 1024 * 1024) {
            defect = Defect.DEEP_NESTING;
        }
        if (defect == Defect.WRONG_TYPE && shape.slots().isEmpty()) {
            defect = Defect.NOT_JSON;
        }
        if ((defect == Defect.NUL_IN_TEXT || defect == Defect.BROKEN_UTF8) && strings.isEmpty()) {
            defect = Defect.NOT_JSON;
        }
        if (defect == Defect.HUGE_NUMBER && numbers.isEmpty()) {
            defect = Defect.DEEP_NESTING;
        }
        if (defect == Defect.DUPLICATE_KEY && (!skeleton.isObject() || skeleton.isEmpty())) {
            defect = Defect.WRONG_ROOT;
        }
        return switch (defect) {
            case WRONG_TYPE -> {
                var slot = pick(shape.slots());
                var wrong = wrongValueFor(slot.type());
                yield Body.of(
                        contentType,
                        replace(skeleton, slot.at(), wrong),
                        "a " + describe(wrong) + " at " + slot.at() + " (" + slot.type() + ")",
                        true);
            }
            case NUL_IN_TEXT -> {
                var slot = pick(strings);
                yield Body.of(
                        contentType,
                        replace(skeleton, slot.at(), "\"nul\\u0000inside\""),
                        "NUL in the text at " + slot.at(),
                        true);
            }
            case BROKEN_UTF8 -> {
                var slot = pick(strings);
                var marked = replace(skeleton, slot.at(), JSON.valueToTree(MARK).toString());
                yield new Body(
                        contentType,
                        brokenUtf8(marked),
                        "bytes that are not UTF-8 in the text at " + slot.at(),
                        true);
            }
            case DEEP_NESTING -> {
                int levels = depth.next();
                var nested =
                        coin.next()
                                ? "[".repeat(levels) + "]".repeat(levels)
                                : "{\"a\":".repeat(levels) + "1" + "}".repeat(levels);
                var at = shape.slots().isEmpty() ? null : pick(shape.slots()).at();
                var body = at == null ? nested : replace(skeleton, at, nested);
                yield Body.of(contentType, body, levels + " levels of nesting", true);
            }
            case HUGE_NUMBER -> {
                var slot = pick(numbers);
                var number = hugeNumber.next();
                yield Body.of(
                        contentType,
                        replace(skeleton, slot.at(), number),
                        "the number "
                                + (number.length() > 30 ? number.substring(0, 30) + "…" : number)
                                + " at "
                                + slot.at(),
                        true);
            }
            case DUPLICATE_KEY -> {
                var key = skeleton.fieldNames().next();
                var json = skeleton.toString();
                var duplicated =
                        "{\"" + key + "\":" + wrongValueFor("string") + "," + json.substring(1);
                yield Body.of(contentType, duplicated, "the key " + key + " twice", true);
            }
            case NOT_JSON -> {
                var garbage = notJson.next();
                if (coin.next()) {
                    var full = skeleton.toString();
                    garbage = full.substring(0, index.next() % Math.max(1, full.length()));
                }
                yield Body.of(contentType, garbage, "text that is not JSON", true);
            }
            case WRONG_ROOT -> {
                var root = wrongRoot.next();
                yield Body.of(contentType, root, "the body " + root, true);
            }
            case WRONG_MEDIA_TYPE -> {
                var slot = shape.slots().isEmpty() ? null : pick(shape.slots());
                var body =
                        slot == null
                                ? skeleton.toString()
                                : replace(skeleton, slot.at(), wrongValueFor(slot.type()));
                var type = wrongMediaType.next();
                yield Body.of(
                        type.isEmpty() ? null : type,
                        body,
                        "JSON sent as '" + type + "'",
                        slot != null);
            }
            case OVERSIZED -> {
                var size = maxBodyBytes + 1_024;
                var out = new ByteArrayOutputStream(size + 16);
                out.writeBytes("{\"a\":\"".getBytes(StandardCharsets.US_ASCII));
                out.writeBytes("x".repeat(size).getBytes(StandardCharsets.US_ASCII));
                out.writeBytes("\"}".getBytes(StandardCharsets.US_ASCII));
                yield new Body(
                        contentType, out.toByteArray(), "a body of " + size + " bytes", true);
            }
        };
    }

    private Shape shape(Endpoint endpoint) {
        var slots = new ArrayList<Slot>();
        var example = examples.get(endpoint.name());
        if (example != null) {
            collectSlots(example, JsonPointer.empty(), slots);
            return new Shape(example, slots);
        }
        var skeleton = build(endpoint.bodySchema(), JsonPointer.empty(), null, slots, 0);
        return new Shape(skeleton, slots);
    }

    /** A value of the schema's shape, recording each typed place in it. */
    private JsonNode build(
            JsonNode schema, JsonPointer at, String name, List<Slot> slots, int level) {
        schema = document.resolve(schema);
        var type = typeOf(schema);
        if (level > 0 && type != null) {
            slots.add(new Slot(at, type));
        }
        if (type == null || level > 6) {
            return NODES.objectNode();
        }
        return switch (type) {
            case "object" -> {
                var object = NODES.objectNode();
                var properties = properties(schema);
                properties.forEach(
                        (property, propertySchema) ->
                                object.set(
                                        property,
                                        build(
                                                propertySchema,
                                                at.append(
                                                        JsonPointer.compile(
                                                                "/" + escape(property))),
                                                property,
                                                slots,
                                                level + 1)));
                var additional = schema.path("additionalProperties");
                if (properties.isEmpty() && additional.isObject()) {
                    object.set(
                            "key",
                            build(
                                    additional,
                                    at.append(JsonPointer.compile("/key")),
                                    "key",
                                    slots,
                                    level + 1));
                }
                yield object;
            }
            case "array" -> {
                var array = NODES.arrayNode();
                array.add(
                        build(
                                schema.path("items"),
                                at.append(JsonPointer.compile("/0")),
                                name,
                                slots,
                                level + 1));
                yield array;
            }
            case "integer" -> NODES.numberNode(schema.path("minimum").asLong(1));
            case "number" -> NODES.numberNode(schema.path("minimum").asDouble(1.5));
            case "boolean" -> NODES.booleanNode(true);
            case "enum" -> schema.path("enum").get(0).deepCopy();
            default -> NODES.textNode(plausibleText(name, schema.path("format").asText("")));
        };
    }

    private String plausibleText(String name, String format) {
        var values = name == null ? null : plausible.get(name);
        if (values != null && !values.isEmpty()) {
            return values.get(0);
        }
        return switch (format) {
            case "uuid" -> UUID.randomUUID().toString();
            case "date" -> "2026-12-07";
            case "date-time" -> "2026-12-07T08:30:00Z";
            case "duration" -> "PT1H";
            default -> "hostile input";
        };
    }

    private static java.util.LinkedHashMap<String, JsonNode> properties(JsonNode schema) {
        var properties = new java.util.LinkedHashMap<String, JsonNode>();
        schema.path("properties")
                .fields()
                .forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        for (var member : schema.path("allOf")) {
            member.path("properties")
                    .fields()
                    .forEachRemaining(e -> properties.put(e.getKey(), e.getValue()));
        }
        return properties;
    }

    /** The schema's type: object, array, integer, number, boolean, enum or string. */
    private String typeOf(JsonNode schema) {
        if (schema.has("enum")) {
            return "enum";
        }
        var type = schema.path("type");
        if (type.isArray()) {
            for (var t : type) {
                if (!"null".equals(t.asText())) {
                    return t.asText();
                }
            }
        }
        if (type.isTextual()) {
            return type.asText();
        }
        for (var combined : new String[] {"allOf", "oneOf", "anyOf"}) {
            if (schema.path(combined).isArray() && !schema.path(combined).isEmpty()) {
                var first = document.resolve(schema.path(combined).get(0));
                if (combined.equals("allOf") && schema.path(combined).size() > 1) {
                    return "object";
                }
                return typeOf(first);
            }
        }
        if (schema.has("properties")) {
            return "object";
        }
        if (schema.has("items")) {
            return "array";
        }
        return null;
    }

    /** The typed places of an example body, by the JSON type each holds. */
    private static void collectSlots(JsonNode node, JsonPointer at, List<Slot> slots) {
        if (node.isObject()) {
            node.fields()
                    .forEachRemaining(
                            e -> {
                                var child =
                                        at.append(JsonPointer.compile("/" + escape(e.getKey())));
                                slots.add(new Slot(child, jsonType(e.getValue())));
                                collectSlots(e.getValue(), child, slots);
                            });
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                var child = at.append(JsonPointer.compile("/" + i));
                slots.add(new Slot(child, jsonType(node.get(i))));
                collectSlots(node.get(i), child, slots);
            }
        }
    }

    private static String jsonType(JsonNode node) {
        if (node.isObject()) return "object";
        if (node.isArray()) return "array";
        if (node.isIntegralNumber()) return "integer";
        if (node.isNumber()) return "number";
        if (node.isBoolean()) return "boolean";
        return "string";
    }

    private void fillTextWithHostileText(JsonNode skeleton, List<Slot> slots) {
        for (var slot : slots) {
            if (slot.type().equals("string") && coin.next()) {
                var parent = skeleton.at(slot.at().head());
                var key = slot.at().last();
                var value = NODES.textNode(text.next().replace("\u0000", ""));
                if (parent instanceof ObjectNode object && key.getMatchingProperty() != null) {
                    object.set(key.getMatchingProperty(), value);
                } else if (parent instanceof ArrayNode array && key.getMatchingIndex() >= 0) {
                    array.set(key.getMatchingIndex(), value);
                }
            }
        }
    }

    /** The body's JSON with the value at {@code at} replaced by raw JSON text. */
    private static String replace(JsonNode skeleton, JsonPointer at, String rawJson) {
        var copy = skeleton.deepCopy();
        var placeholder = "\u0002HOLE" + UUID.randomUUID() + "\u0002";
        if (at.matches()) {
            return rawJson;
        }
        var parent = copy.at(at.head());
        var key = at.last();
        if (parent instanceof ObjectNode object && key.getMatchingProperty() != null) {
            object.put(key.getMatchingProperty(), placeholder);
        } else if (parent instanceof ArrayNode array && key.getMatchingIndex() >= 0) {
            array.set(key.getMatchingIndex(), NODES.textNode(placeholder));
        } else {
            return rawJson;
        }
        return copy.toString().replace(JSON.valueToTree(placeholder).toString(), rawJson);
    }

    private String wrongValueFor(String type) {
        var options =
                switch (type) {
                    case "integer" ->
                            List.of("\"1\"", "\"119\"", "1.5", "\"\"", "true", "[1]", "{\"v\":1}");
                    case "number" ->
                            List.of(
                                    "\"119.165\"",
                                    "\"\"",
                                    "\"NaN\"",
                                    "false",
                                    "[1.0]",
                                    "{\"v\":1}");
                    case "boolean" -> List.of("\"true\"", "1", "0", "\"yes\"", "[true]", "{}");
                    case "array" -> List.of("\"x\"", "1", "{}", "true");
                    case "object" -> List.of("\"x\"", "1", "[]", "true");
                    case "enum" ->
                            List.of(
                                    "\"NOT_ONE_OF_THEM\"",
                                    "\"\"",
                                    "0",
                                    "1",
                                    "true",
                                    "[\"X\"]",
                                    "{}");
                    default -> List.of("42", "4.2", "true", "[\"x\"]", "{\"x\":\"y\"}");
                };
        return options.get(index.next() % options.size());
    }

    private static String describe(String rawJson) {
        return "value " + rawJson;
    }

    private byte[] brokenUtf8(String json) {
        var broken =
                new byte[][] {
                    {(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80},
                    {(byte) 0xC0, (byte) 0xAF}, {(byte) 0xE2, (byte) 0x82}, {(byte) 0x80}
                };
        var bytes = broken[index.next() % broken.length];
        var marked = JSON.valueToTree(MARK).toString();
        var inner = marked.substring(1, marked.length() - 1);
        var cut = json.indexOf(inner);
        var out = new ByteArrayOutputStream();
        out.writeBytes(json.substring(0, cut).getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(json.substring(cut + inner.length()).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private List<Slot> slotsOf(List<Slot> slots, String type) {
        return slots.stream()
                .filter(
                        s ->
                                type.equals("number")
                                        ? s.type().equals("number") || s.type().equals("integer")
                                        : s.type().equals(type))
                .toList();
    }

    private <T> T pick(List<T> values) {
        return values.get(index.next() % values.size());
    }

    private static String escape(String property) {
        return property.replace("~", "~0").replace("/", "~1");
    }
}
