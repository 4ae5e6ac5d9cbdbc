package cn.gridgov.kit.problem;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;

/**
 * JSON is read as it is written, never guessed at: {@code "longitude":"119.165"} is a 400 naming
 * the field, not a case placed where the guess put it. Jackson's defaults would turn text into
 * numbers and booleans, numbers into text, 8.5 into 8, 0 into an enum's first constant, 1e999 into
 * infinity, 42 into a moment of 1970 and keep the last of two equal keys; here each of these is
 * refused as it is read (a 400 with the field, through {@link ErrorMappers}).
 */
@Singleton
public class StrictJson implements ObjectMapperCustomizer {

    @Override
    public void customize(ObjectMapper mapper) {
        mapper.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION.mappedFeature());
        mapper.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        mapper.enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS);
        mapper.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        mapper.disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
        mapper.disable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_AS_NULL);
        for (var numberOrFlag :
                new LogicalType[] {LogicalType.Integer, LogicalType.Float, LogicalType.Boolean}) {
            mapper.coercionConfigFor(numberOrFlag)
                    .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        }
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Boolean)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.registerModule(
                new SimpleModule("finite-numbers")
                        .addDeserializer(Double.class, new Finite(Double.class, null))
                        .addDeserializer(Double.TYPE, new Finite(Double.TYPE, 0.d)));
        mapper.coercionConfigFor(LogicalType.Enum)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.EmptyString, CoercionAction.Fail);
        mapper.registerModule(
                new SimpleModule("dates-as-text")
                        .setDeserializerModifier(
                                new com.fasterxml.jackson.databind.deser
                                        .BeanDeserializerModifier() {
                                    @Override
                                    public com.fasterxml.jackson.databind.JsonDeserializer<?>
                                            modifyDeserializer(
                                                    com.fasterxml.jackson.databind
                                                                    .DeserializationConfig
                                                            config,
                                                    com.fasterxml.jackson.databind.BeanDescription
                                                            description,
                                                    com.fasterxml.jackson.databind.JsonDeserializer<
                                                                    ?>
                                                            deserializer) {
                                        return description
                                                        .getBeanClass()
                                                        .getPackageName()
                                                        .equals("java.time")
                                                ? new DateAsText(deserializer)
                                                : deserializer;
                                    }
                                }));
    }

    /**
     * A moment or a day is written as ISO 8601 text: Jackson would read {@code "at":42} as 42
     * seconds after 1970, a ping from another age; refused as it is read.
     */
    private static final class DateAsText
            extends com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer {

        DateAsText(com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected com.fasterxml.jackson.databind.JsonDeserializer<?> newDelegatingInstance(
                com.fasterxml.jackson.databind.JsonDeserializer<?> delegate) {
            return new DateAsText(delegate);
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            if (parser.currentToken() != null && parser.currentToken().isNumeric()) {
                throw InvalidFormatException.from(
                        parser,
                        "must be ISO 8601 text (2026-12-07T08:30:00Z, 2026-12-07), not a number",
                        parser.getText(),
                        handledType());
            }
            return super.deserialize(parser, context);
        }
    }

    /**
     * A number too large for a double (1e999) is read by Jackson as infinity, which no coordinate,
     * weight or duration can be: refused as it is read.
     */
    private static final class Finite extends NumberDeserializers.DoubleDeserializer {

        Finite(Class<Double> type, Double nullValue) {
            super(type, nullValue);
        }

        @Override
        public Double deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            var value = super.deserialize(parser, context);
            if (value != null && !Double.isFinite(value)) {
                throw InvalidFormatException.from(
                        parser, "must be a finite number", parser.getText(), Double.class);
            }
            return value;
        }
    }
}
