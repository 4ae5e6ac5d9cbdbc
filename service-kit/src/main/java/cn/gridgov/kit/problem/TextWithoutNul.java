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
 * Refuses text holding the NUL character (\u0000) as it is read from JSON: PostgreSQL stores no NUL
 * in text, so such a value would fail only when written, as a server error. Read here, it is a 400
 * naming the field.
 */
@Singleton
public class TextWithoutNul implements ObjectMapperCustomizer {

    static final String REFUSAL = "must not contain the NUL character (\\u0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.registerModule(
                new SimpleModule("text-without-nul").addDeserializer(String.class, new Refusing()));
    }

    private static final class Refusing extends StringDeserializer {

        @Override
        public String deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            var text = super.deserialize(parser, context);
            if (text != null && text.indexOf('\u0000') >= 0) {
                throw InvalidFormatException.from(parser, REFUSAL, text, String.class);
            }
            return text;
        }
    }
}
