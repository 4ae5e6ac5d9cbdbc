package cn.gridgov.kit.openapi;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * What every service's API document says the same way, written once: the error body every refusal
 * has ({@code Problem}, the {@link cn.gridgov.kit.problem.ErrorBody}), attached to each error
 * response that names no body of its own (Open311's name theirs); the 401 of every operation that
 * needs a token, since one mapper answers it for all, while a 403 stays only where an operation
 * names the rules of its policy that refuse (the framework adds one to every such operation); and
 * the groups of {@link ApiTags} with their descriptions, in the loop's order.
 */
@OpenApiFilter
public class ApiDocumentFilter implements OASFilter {

    public static final String PROBLEM = "Problem";

    /** What the framework writes for a 403 of its own, on every operation that needs a token. */
    private static final String FRAMEWORK_FORBIDDEN = "Not Allowed";

    private static final String UNAUTHENTICATED =
            "UNAUTHENTICATED: no bearer token, or one that failed verification (signature, issuer,"
                    + " audience gridgov-api, expiry)";

    @Override
    public void filterOpenAPI(OpenAPI document) {
        document.getComponents().addSchema(PROBLEM, problem());
        var used = new LinkedHashSet<String>();
        if (document.getPaths() != null && document.getPaths().getPathItems() != null) {
            document.getPaths()
                    .getPathItems()
                    .values()
                    .forEach(
                            item ->
                                    item.getOperations()
                                            .values()
                                            .forEach(
                                                    operation -> {
                                                        if (needsToken(document, operation)) {
                                                            unauthenticated(operation);
                                                        }
                                                        problemBodies(operation);
                                                        if (operation.getTags() != null) {
                                                            used.addAll(operation.getTags());
                                                        }
                                                    }));
        }
        var tags = new ArrayList<org.eclipse.microprofile.openapi.models.tags.Tag>();
        ApiTags.DESCRIPTIONS.forEach(
                (name, description) -> {
                    if (used.remove(name)) {
                        tags.add(OASFactory.createTag().name(name).description(description));
                    }
                });
        // A group not in ApiTags stays without a description, and the documentation test names it.
        used.forEach(name -> tags.add(OASFactory.createTag().name(name)));
        document.setTags(tags);
    }

    private static boolean needsToken(OpenAPI document, Operation operation) {
        var requirements =
                operation.getSecurity() != null ? operation.getSecurity() : document.getSecurity();
        return requirements != null && !requirements.isEmpty();
    }

    private static void unauthenticated(Operation operation) {
        var responses = operation.getResponses();
        var existing = responses.getAPIResponse("401");
        if (existing == null) {
            responses.addAPIResponse("401", OASFactory.createAPIResponse());
            existing = responses.getAPIResponse("401");
        }
        existing.setDescription(UNAUTHENTICATED);
        var forbidden = responses.getAPIResponse("403");
        if (forbidden != null && FRAMEWORK_FORBIDDEN.equals(forbidden.getDescription())) {
            responses.removeAPIResponse("403");
        }
    }

    private static void problemBodies(Operation operation) {
        if (operation.getResponses() == null) {
            return;
        }
        for (Map.Entry<String, APIResponse> entry :
                operation.getResponses().getAPIResponses().entrySet()) {
            var status = entry.getKey();
            var response = entry.getValue();
            if ((status.startsWith("4") || status.startsWith("5"))
                    && (response.getContent() == null
                            || response.getContent().getMediaTypes().isEmpty())) {
                response.setContent(
                        OASFactory.createContent()
                                .addMediaType(
                                        "application/json",
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema().ref(PROBLEM))));
            }
        }
    }

    private static Schema problem() {
        return OASFactory.createSchema()
                .addType(Schema.SchemaType.OBJECT)
                .description(
                        "Every refusal of the API (4xx) and an unavailable dependency (503): a stable"
                                + " code for programs, a message for people, the field at fault if any.")
                .addProperty(
                        "code",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description(
                                        "stable, for programs: the rule or check that refused"))
                .addProperty(
                        "message",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .description("for people: what is wrong and what to do"))
                .addProperty(
                        "field",
                        OASFactory.createSchema()
                                .addType(Schema.SchemaType.STRING)
                                .addType(Schema.SchemaType.NULL)
                                .description(
                                        "the field, query or path parameter at fault, as the"
                                                + " client wrote it (longitude, points[1].latitude)"))
                .addRequired("code")
                .addRequired("message")
                .addExample(
                        Map.of(
                                "code",
                                "INVALID_INPUT",
                                "message",
                                "longitude must be less than or equal to 180",
                                "field",
                                "longitude"));
    }
}
