package cn.gridgov.cases.open311;

import com.ctc.wstx.api.InvalidCharHandler;
import com.ctc.wstx.api.WstxOutputProperties;
import com.ctc.wstx.stax.WstxInputFactory;
import com.ctc.wstx.stax.WstxOutputFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.xml.XmlFactory;
import com.fasterxml.jackson.dataformat.xml.XmlMapper;
import com.fasterxml.jackson.dataformat.xml.deser.FromXmlParser;
import com.fasterxml.jackson.dataformat.xml.ser.ToXmlGenerator;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * GeoReport v2 answers come as JSON or XML, chosen by the path's extension; Jackson writes both
 * from the records of {@link GeoReport} (and reads them back, for clients' tests and ours). XML 1.0
 * cannot carry every character a description may hold (control characters): those are written as
 * U+FFFD, so the document stays well-formed.
 */
public enum Open311Format {
    JSON("application/json; charset=utf-8"),
    XML("text/xml; charset=utf-8");

    private static final char REPLACEMENT = '\uFFFD';

    private static final ObjectMapper JSON_MAPPER =
            JsonMapper.builder()
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .build();

    private static final XmlMapper XML_MAPPER =
            XmlMapper.builder(xmlFactory())
                    .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                    .enable(ToXmlGenerator.Feature.WRITE_XML_DECLARATION)
                    .enable(FromXmlParser.Feature.EMPTY_ELEMENT_AS_NULL)
                    // Records are read through their constructors alone: a list's accessor and
                    // field, renamed to
                    // the item's element, would otherwise stand beside the constructor's
                    // wrapper-named parameter.
                    .disable(
                            MapperFeature.USE_GETTERS_AS_SETTERS,
                            MapperFeature.ALLOW_FINAL_FIELDS_AS_MUTATORS,
                            MapperFeature.INFER_PROPERTY_MUTATORS)
                    .build();

    private final String mediaType;

    Open311Format(String mediaType) {
        this.mediaType = mediaType;
    }

    public static Open311Format of(String extension) {
        return "xml".equals(extension) ? XML : JSON;
    }

    /** The format a path asks for by its extension ({@code .xml} or not). */
    public static Open311Format ofPath(String path) {
        return path.endsWith(".xml") ? XML : JSON;
    }

    public String mediaType() {
        return mediaType;
    }

    Response ok(Object document) {
        return Response.ok(write(document), mediaType).build();
    }

    static GeoReport.Errors errors(int status, String description) {
        return new GeoReport.Errors(List.of(new GeoReport.Error(status, description)));
    }

    public String write(Object document) {
        try {
            if (this == XML) {
                return XML_MAPPER.writeValueAsString(document);
            }
            return JSON_MAPPER.writeValueAsString(
                    document instanceof GeoReport.ListDocument<?> list ? list.items() : document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("GeoReport documents are plain records", e);
        }
    }

    /** Reads a document written in this format; a list document's JSON is its bare array. */
    public <D> D read(String body, Class<D> type) throws JsonProcessingException {
        if (this == XML) {
            var document = XML_MAPPER.readValue(body, type);
            // An empty list document is an empty root element, which Jackson reads as no document.
            return document != null || !GeoReport.ListDocument.class.isAssignableFrom(type)
                    ? document
                    : listDocument(type, List.of());
        }
        if (!GeoReport.ListDocument.class.isAssignableFrom(type)) {
            return JSON_MAPPER.readValue(body, type);
        }
        var component = type.getRecordComponents()[0];
        List<?> items =
                JSON_MAPPER.readValue(
                        body,
                        JSON_MAPPER.getTypeFactory().constructType(component.getGenericType()));
        return listDocument(type, items);
    }

    private static <D> D listDocument(Class<D> type, List<?> items) {
        try {
            return type.getDeclaredConstructor(List.class).newInstance(items);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type + " is a record of one list", e);
        }
    }

    private static XmlFactory xmlFactory() {
        var output = new WstxOutputFactory();
        output.setProperty(
                WstxOutputProperties.P_OUTPUT_INVALID_CHAR_HANDLER,
                new InvalidCharHandler.ReplacingHandler(REPLACEMENT));
        return XmlFactory.builder()
                .xmlInputFactory(new WstxInputFactory())
                .xmlOutputFactory(output)
                .build();
    }
}
