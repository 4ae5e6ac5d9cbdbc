package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.cases.workflow.Callers;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Photos are uploaded first (multipart, field "file"), then named by id in reports and results. */
@Authenticated
@Path("/api/v1/photos")
@Tag(name = "采集上报")
public class PhotoResource {

    private final PhotoStore photos;
    private final CaseRepository cases;
    private final Callers callers;

    public PhotoResource(PhotoStore photos, CaseRepository cases, Callers callers) {
        this.photos = photos;
        this.cases = cases;
        this.callers = callers;
    }

    /** 201 with the new photo's id; 200 with the same id when these bytes were uploaded before. */
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
    @Tag(name = ApiTags.COLLECT)
    @Operation(
            summary = "Upload a photo",
            description =
                    "A photo (multipart, field file; JPEG, PNG or WebP) is uploaded first, then named by its id in a report or a command. The same bytes uploaded again answer 200 with the same id. An upload declared larger than the largest photo kept is refused before it is read; one sent in chunks is read within the service's limit for any body and refused if its photo is too large.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a JPEG",
                                            value =
                                                    """
                                                    {"file":"cover.jpg (image/jpeg, the image's bytes)"}
                                                    """)))
    @APIResponse(
            responseCode = "201",
            description = "Stored: the new photo's id",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"6f1c2b3a-4d5e-4f60-8a71-9b8c7d6e5f40","sha256":"…","created":true}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "These bytes were uploaded before: the same id")
    @APIResponse(
            responseCode = "400",
            description = "FILE_MISSING (no part named file), PHOTO_EMPTY")
    @APIResponse(
            responseCode = "413",
            description = "PHOTO_TOO_LARGE: over the size limit; shrink it first")
    @APIResponse(responseCode = "415", description = "NOT_AN_IMAGE: not a JPEG, PNG or WebP")
    public Uni<Response> upload(@RestForm("file") FileUpload file) throws IOException {
        if (file == null) {
            throw new Problem(
                    Problem.Kind.INVALID,
                    "FILE_MISSING",
                    "file",
                    "send the photo as the multipart field 'file'");
        }
        var bytes = Files.readAllBytes(file.uploadedFile());
        return photos.store(bytes)
                .map(
                        stored ->
                                Response.status(
                                                stored.created()
                                                        ? Response.Status.CREATED
                                                        : Response.Status.OK)
                                        .location(URI.create("/api/v1/photos/" + stored.photo().id))
                                        .entity(
                                                Map.of(
                                                        "id",
                                                        stored.photo().id,
                                                        "contentType",
                                                        stored.photo().contentType,
                                                        "sizeBytes",
                                                        stored.photo().sizeBytes))
                                        .build());
    }

    @GET
    @Path("/{id}")
    @WithSession
    @Tag(name = ApiTags.CASES)
    @Operation(summary = "A photo", description = "The photo's bytes, with its media type.")
    @APIResponse(responseCode = "200", description = "The image")
    @APIResponse(responseCode = "400", description = "MALFORMED_ID: id is not a UUID")
    @APIResponse(responseCode = "404", description = "PHOTO_NOT_FOUND: no photo has this id")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the photo's cases lie outside the caller's grids, department and"
                            + " own reports; NOT_FOR_YOUR_ROLE: no post that reads cases")
    public Uni<Response> get(@PathParam("id") String idText) {
        var id = Ids.uuid("id", idText);
        return photos.findById(id)
                .call(
                        photo -> {
                            if (photo == null) {
                                throw new Problem(
                                        Problem.Kind.NOT_FOUND,
                                        "PHOTO_NOT_FOUND",
                                        "id",
                                        "no photo " + id);
                            }
                            return cases.namingPhoto(id).chain(callers::requireReadsOneOf);
                        })
                .map(photo -> Response.ok(photo.data, photo.contentType).build());
    }
}
