package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.cases.workflow.Callers;
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
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.multipart.FileUpload;

/** Photos are uploaded first (multipart, field "file"), then named by id in reports and results. */
@Authenticated
@Path("/api/v1/photos")
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
    @Operation(
            summary = "One photo",
            description =
                    "The photo's bytes, for those the read rule lets read one of the cases whose"
                            + " timeline names it; a photo no case names yet is any signed-in"
                            + " person's to see")
    @APIResponse(responseCode = "200", description = "The photo, as JPEG, PNG or WebP")
    @APIResponse(responseCode = "400", description = "INVALID_INPUT: id is not a UUID")
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_YOUR_CASE: the photo's cases lie outside the caller's grids, department and"
                            + " own reports; NOT_FOR_YOUR_ROLE: no post that reads cases")
    @APIResponse(responseCode = "404", description = "PHOTO_NOT_FOUND")
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
