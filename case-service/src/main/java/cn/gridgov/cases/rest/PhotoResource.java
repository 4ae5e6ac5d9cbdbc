package cn.gridgov.cases.rest;

import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.kit.ids.Ids;
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

    public PhotoResource(PhotoStore photos) {
        this.photos = photos;
    }

    /** 201 with the new photo's id; 200 with the same id when these bytes were uploaded before. */
    @Operation(
            summary = "Upload an evidence photo",
            description =
                    "Multipart, field 'file': a JPEG, PNG or WebP photo, its type read from its bytes. An upload"
                            + " larger than the largest photo kept is refused before it is read, and one that declares"
                            + " no length is refused, so no upload streams past the limit.")
    @APIResponse(responseCode = "201", description = "the photo was kept; its id")
    @APIResponse(
            responseCode = "200",
            description = "these bytes were uploaded before; their photo's id")
    @APIResponse(responseCode = "400", description = "FILE_MISSING, PHOTO_EMPTY")
    @APIResponse(responseCode = "401", description = "UNAUTHENTICATED")
    @APIResponse(
            responseCode = "411",
            description = "LENGTH_REQUIRED: the upload declares no length")
    @APIResponse(responseCode = "413", description = "PHOTO_TOO_LARGE")
    @APIResponse(responseCode = "415", description = "NOT_AN_IMAGE")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @Produces(MediaType.APPLICATION_JSON)
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
    public Uni<Response> get(@PathParam("id") String idText) {
        var id = Ids.uuid("id", idText);
        return photos.findById(id)
                .map(
                        photo -> {
                            if (photo == null) {
                                throw new Problem(
                                        Problem.Kind.NOT_FOUND,
                                        "PHOTO_NOT_FOUND",
                                        "id",
                                        "no photo " + id);
                            }
                            return Response.ok(photo.data, photo.contentType).build();
                        });
    }
}
