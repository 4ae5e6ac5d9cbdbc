package cn.gridgov.cases.open311;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;

/**
 * GeoReport v2 answers come as JSON or XML, chosen by the path's extension. Every answer is a list
 * of flat records, so one small writer serves both and the field order is the specification's.
 */
enum Open311Format {
    JSON("application/json; charset=utf-8"), XML("text/xml; charset=utf-8");

    private final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    static Open311Format of(String extension) {
        return "xml".equals(extension) ? XML : JSON;
    }

    /** A list of records under an XML root ("services", "service_requests", …) with one element name per record. */
    Response ok(String root, String element, List<Map<String, Object>> records, ObjectMapper json) {
        return Response.ok(render(root, element, records, json), mediaType).build();
    }

    Response error(int status, String description, ObjectMapper json) {
        var body = render("errors", "error", List.of(Map.of("code", status, "description", description)), json);
        return Response.status(status).entity(body).type(mediaType).build();
    }

    private String render(String root, String element, List<Map<String, Object>> records, ObjectMapper json) {
        if (this == JSON) {
            try {
                return json.writeValueAsString(records);
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Open311 records are plain values", e);
            }
        }
        var xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<").append(root).append('>');
        for (var record : records) {
            xml.append('<').append(element).append('>');
            record.forEach((name, value) -> {
                if (value == null || (value instanceof java.util.Collection<?> list && list.isEmpty())) {
                    xml.append('<').append(name).append("/>");
                } else {
                    xml.append('<').append(name).append('>').append(escape(String.valueOf(value)))
                            .append("</").append(name).append('>');
                }
            });
            xml.append("</").append(element).append('>');
        }
        return xml.append("</").append(root).append(">\n").toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
