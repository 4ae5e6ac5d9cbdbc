package cn.gridgov.kit.problem;

import cn.gridgov.kit.parking.Outage;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.Collectors;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns every refusal into a JSON {@link ErrorBody} with the right status. */
public class ErrorMappers {

    private static final String UNIQUE_VIOLATION = "23505";

    @ServerExceptionMapper
    public Response problem(Problem problem) {
        return json(
                problem.kind().status(),
                new ErrorBody(problem.code(), problem.getMessage(), problem.field()));
    }

    /**
     * A fallback that failed too (a kept answer missing while another service is down) arrives as
     * Mutiny's CompositeException: the refusal inside it is the answer (a 503 {@code
     * GRID_SERVICE_UNAVAILABLE}, say), not a 500; an outage inside it answers as {@link
     * OutageMapper} says.
     */
    @ServerExceptionMapper
    public Response composite(io.smallrye.mutiny.CompositeException e) {
        for (var cause : e.getCauses()) {
            if (cause instanceof Problem problem) {
                return problem(problem);
            }
        }
        if (e.getCauses().stream().anyMatch(Outage::is)) {
            return OutageMapper.unavailable();
        }
        throw e;
    }

    /**
     * Two writers changed the same thing at once (a versioned row moved, or the same new row was
     * inserted twice): nothing was written, and the loser gets 409 {@code CONCURRENT_CHANGE}, never
     * a 500. Hibernate Reactive often delivers these wrapped, so the causes are searched. A
     * database that cannot be reached answers as {@link OutageMapper} says; any other persistence
     * failure is rethrown as it is.
     */
    @ServerExceptionMapper
    public Response wrapped(org.hibernate.HibernateException e) {
        return lostRaceOrRethrow(e);
    }

    @ServerExceptionMapper
    public Response wrapped(jakarta.persistence.PersistenceException e) {
        return lostRaceOrRethrow(e);
    }

    private Response lostRaceOrRethrow(RuntimeException e) {
        if (Outage.is(e)) {
            return OutageMapper.unavailable();
        }
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.StaleStateException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause
                                    instanceof
                                    org.hibernate.exception.ConstraintViolationException violation
                            && UNIQUE_VIOLATION.equals(violation.getSQLState())
                    || cause instanceof io.vertx.pgclient.PgException pg
                            && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return json(
                        409,
                        new ErrorBody(
                                "CONCURRENT_CHANGE",
                                "someone else changed this at the same moment; nothing was written, read it again and retry",
                                null));
            }
        }
        throw e;
    }

    @ServerExceptionMapper
    public Response invalid(ConstraintViolationException e) {
        // Report the first violation by field name so the answer is stable; list all in the
        // message.
        var violations =
                e.getConstraintViolations().stream()
                        .sorted(Comparator.comparing(v -> v.getPropertyPath().toString()))
                        .toList();
        var first = violations.get(0);
        var message =
                violations.stream()
                        .map(v -> fieldOf(v) + " " + v.getMessage())
                        .collect(Collectors.joining("; "));
        return json(400, new ErrorBody("INVALID_INPUT", message, fieldOf(first)));
    }

    /**
     * No token, or one that failed verification (signature, issuer, audience, expiry, {@code alg:
     * none}): 401 with the JSON body every refusal has, and the challenge RFC 6750 asks for.
     */
    @ServerExceptionMapper({
        io.quarkus.security.UnauthorizedException.class,
        io.quarkus.security.AuthenticationFailedException.class,
        io.quarkus.security.AuthenticationCompletionException.class
    })
    public Response unauthenticated(RuntimeException e) {
        return Response.status(401)
                .header("WWW-Authenticate", "Bearer realm=\"gridgov\"")
                .entity(
                        new ErrorBody(
                                "UNAUTHENTICATED",
                                "sign in first: this needs a valid bearer token from the identity provider",
                                null))
                .type("application/json")
                .build();
    }

    /** A role check of the framework's own ({@code @RolesAllowed}) refused the caller. */
    @ServerExceptionMapper
    public Response forbidden(io.quarkus.security.ForbiddenException e) {
        return json(403, new ErrorBody("ROLE_NOT_ALLOWED", "your roles do not allow this", null));
    }

    /** Declared for this subtype too, so it wins over the framework's own mapper for it. */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e) {
        return unreadable(e);
    }

    /**
     * What is wrong with the body, in the client's terms: the field and the type it must have, or
     * where the text stops being JSON. Never Jackson's own message, which names the service's
     * classes and Jackson's settings.
     */
    @ServerExceptionMapper
    public Response unreadable(JsonProcessingException e) {
        String field = null;
        String message;
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field =
                    mapping.getPath().stream()
                            .map(
                                    ref ->
                                            ref.getFieldName() != null
                                                    ? ref.getFieldName()
                                                    : "[" + ref.getIndex() + "]")
                            .collect(Collectors.joining("."));
            message = field + " " + expected(e);
        } else if (e.getOriginalMessage() != null
                && e.getOriginalMessage().startsWith("Duplicate field")
                && e.getProcessor() instanceof com.fasterxml.jackson.core.JsonParser parser) {
            field = parser.getParsingContext().getCurrentName();
            message = field + " is given twice";
        } else if (e instanceof MismatchedInputException mismatched
                && mismatched.getTargetType() != null) {
            message =
                    "request body must be "
                            + (isList(mismatched.getTargetType())
                                    ? "a JSON array"
                                    : "a JSON object");
        } else {
            var at = e.getLocation();
            message =
                    "request body is not valid JSON"
                            + (at == null || at.getLineNr() < 1
                                    ? ""
                                    : " (line "
                                            + at.getLineNr()
                                            + ", column "
                                            + at.getColumnNr()
                                            + ")");
        }
        return json(400, new ErrorBody("UNREADABLE_BODY", message, field));
    }

    /**
     * What a field must be, from the type it is read as; the service's own refusals as they are.
     */
    private static String expected(JsonProcessingException e) {
        var own = e.getOriginalMessage();
        if (e instanceof InvalidFormatException && own != null && own.startsWith("must ")) {
            return own;
        }
        if (!(e instanceof MismatchedInputException mismatched)
                || mismatched.getTargetType() == null) {
            return "has the wrong type or value";
        }
        var type = mismatched.getTargetType();
        if (type.isEnum()) {
            return "must be one of " + Arrays.toString(type.getEnumConstants());
        }
        if (type == String.class) {
            return "must be text";
        }
        if (type == Boolean.class || type == boolean.class) {
            return "must be true or false";
        }
        if (type == Double.class
                || type == double.class
                || type == Float.class
                || type == float.class
                || type == java.math.BigDecimal.class) {
            return "must be a number";
        }
        if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
            return "must be a whole number in range";
        }
        if (isList(type)) {
            return "must be a JSON array";
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)
                || type == java.time.Duration.class
                || type == java.util.UUID.class) {
            return "is not a valid " + type.getSimpleName();
        }
        return "must be a JSON object";
    }

    private static boolean isList(Class<?> type) {
        return type.isArray() || java.util.Collection.class.isAssignableFrom(type);
    }

    /**
     * The framework's own refusals (unreadable body, wrong media type, bad path parameter) get a
     * JSON body too.
     */
    @ServerExceptionMapper
    public Response http(WebApplicationException e) {
        if (e.getCause() instanceof JsonProcessingException unreadable) {
            return unreadable(unreadable);
        }
        var response = e.getResponse();
        if (response.hasEntity()) {
            return response;
        }
        var status = response.getStatusInfo();
        var code = status.getReasonPhrase().toUpperCase(java.util.Locale.ROOT).replace(' ', '_');
        // The cause's own message would name the framework's classes; the status says what the
        // client needs.
        return json(status.getStatusCode(), new ErrorBody(code, status.getReasonPhrase(), null));
    }

    /**
     * The field as the client wrote it: a query or path parameter by its name ({@code role}); in a
     * body, from the body down ({@code longitude}, {@code points[1].longitude}, {@code
     * photoIds[2]}).
     */
    private static String fieldOf(ConstraintViolation<?> violation) {
        var field = new StringBuilder();
        boolean atParameter = false;
        for (Path.Node node : violation.getPropertyPath()) {
            switch (node.getKind()) {
                case METHOD, CONSTRUCTOR, CROSS_PARAMETER, RETURN_VALUE -> field.setLength(0);
                case PARAMETER -> {
                    field.setLength(0);
                    field.append(node.getName());
                    atParameter = true;
                    continue;
                }
                default -> {
                    if (atParameter && node.getKind() == ElementKind.PROPERTY) {
                        field.setLength(
                                0); // the parameter is the body: its properties are the fields
                    }
                    if (node.isInIterable()) {
                        field.append('[')
                                .append(node.getIndex() != null ? node.getIndex() : node.getKey())
                                .append(']');
                    }
                    if (node.getKind() != ElementKind.CONTAINER_ELEMENT && node.getName() != null) {
                        field.append(field.isEmpty() ? "" : ".").append(node.getName());
                    }
                }
            }
            atParameter = false;
        }
        return field.isEmpty() ? null : field.toString();
    }

    private static Response json(int status, ErrorBody body) {
        return Response.status(status).entity(body).type("application/json").build();
    }
}
