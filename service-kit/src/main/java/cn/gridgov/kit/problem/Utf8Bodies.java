package cn.gridgov.kit.problem;

import jakarta.ws.rs.ext.Provider;
import jakarta.ws.rs.ext.ReaderInterceptor;
import jakarta.ws.rs.ext.ReaderInterceptorContext;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * A JSON body is UTF-8 (RFC 8259), checked before it is read: Jackson decodes some byte sequences
 * that are not UTF-8 rather than refusing them, the overlong {@code C0 AF} as {@code /} among them,
 * so a text field could hold what its sender never wrote. Refused with 400 {@code UNREADABLE_BODY}.
 * Bodies are small and already in memory when they are read (the service's body limit holds).
 */
@Provider
public class Utf8Bodies implements ReaderInterceptor {

    @Override
    public Object aroundReadFrom(ReaderInterceptorContext context) throws IOException {
        var type = context.getMediaType();
        if (type != null && type.getSubtype().toLowerCase(java.util.Locale.ROOT).endsWith("json")) {
            var bytes = context.getInputStream().readAllBytes();
            try {
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(bytes));
            } catch (CharacterCodingException notUtf8) {
                throw new Problem(
                        Problem.Kind.INVALID,
                        "UNREADABLE_BODY",
                        null,
                        "the body is not UTF-8 text: send JSON encoded in UTF-8");
            }
            context.setInputStream(new ByteArrayInputStream(bytes));
        }
        return context.proceed();
    }
}
