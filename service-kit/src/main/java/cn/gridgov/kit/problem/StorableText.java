package cn.gridgov.kit.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * Refuses, as it is read from JSON, text PostgreSQL cannot store as it came: the NUL character
 * (\u0000), which it refuses, and half of a surrogate pair (what the bytes {@code ED A0 80}, not
 * UTF-8, decode to), which it would keep as {@code ?}. Either would fail or change only when
 * written; read here, it is a 400 naming the field.
 */
@Singleton
public class StorableText implements ObjectMapperCustomizer {

    static final String REFUSAL = "must not contain the NUL character (\\u0000)";
    static final String HALF_A_PAIR =
            "must be UTF-8 text: it holds half of a surrogate pair (bytes that are not UTF-8)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(
                new SimpleModule("storable-text").addDeserializer(String.class, new Refusing()));
    }

    private static final class Refusing extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            var text = super.deserialize(parser, context);
            if (text == null) {
                return null;
            }
            var unstorable = unstorable(text);
            if (unstorable != null) {
                throw InvalidFormatException.from(parser, unstorable, text, String.class);
            }
            return text;
        }
    }

    /**
     * Why this text cannot be stored as it came, or null: for text read other than through the
     * ObjectMapper's strings (a GeoJSON file's properties, read as a tree).
     */
    public static String unstorable(String text) {
        if (text.indexOf('\u0000') >= 0) {
            return REFUSAL;
        }
        return halfAPair(text) ? HALF_A_PAIR : null;
    }

    /** Whether a surrogate stands without its other half. */
    static boolean halfAPair(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c)
                    && i + 1 < text.length()
                    && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return true;
            }
        }
        return false;
    }
}
