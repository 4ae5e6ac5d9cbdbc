package cn.gridgov.grid.rest;

import cn.gridgov.grid.access.AccessPolicy;
import cn.gridgov.grid.area.CoverageCheck;
import cn.gridgov.grid.geojson.AreaExporter;
import cn.gridgov.grid.geojson.AreaImporter;
import cn.gridgov.grid.geojson.FeatureReader;
import cn.gridgov.grid.geojson.ImportConfig;
import cn.gridgov.grid.geojson.ImportOptions;
import cn.gridgov.grid.geojson.ImportPlan;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.security.Authenticated;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Areas in and out as GeoJSON, so grids drawn in QGIS come in and go back out; and the coverage
 * check.
 */
@Path("/api/v1")
@Authenticated
@Tag(name = ApiTags.GRIDS)
public class AreaTransferResource {

    public static final String GEO_JSON = "application/geo+json";

    private final AreaImporter importer;
    private final AreaExporter exporter;
    private final CoverageCheck coverage;
    private final ObjectMapper json;
    private final long maxBytes;
    private final int maxFeatures;
    private final SignedIn signedIn;
    private final AccessPolicy policy;

    public AreaTransferResource(
            AreaImporter importer,
            AreaExporter exporter,
            CoverageCheck coverage,
            ObjectMapper json,
            ImportConfig limits,
            SignedIn signedIn,
            AccessPolicy policy) {
        this.signedIn = signedIn;
        this.policy = policy;
        this.importer = importer;
        this.exporter = exporter;
        this.coverage = coverage;
        this.json = json;
        this.maxBytes = limits.maxBytes();
        this.maxFeatures = limits.maxFeatures();
    }

    /**
     * What importing the file would do: areas added, changed (which properties) and removed,
     * coverage before and after, grids reshaped; nothing is written. A file refused by the import
     * is refused here the same way (400 listing every bad feature by index and code).
     */
    @POST
    @Path("/areas/import/preview")
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, GEO_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Preview a GeoJSON import",
            description =
                    "What importing the FeatureCollection (as QGIS or ogr2ogr -f GeoJSON writes it) would do: areas added, changed (which properties) and removed, coverage before and after, grids reshaped and the open cases whose grid would change, and the grids' version to apply it on (baseVersion). Nothing is written.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "one new grid",
                                            value =
                                                    """
                                                    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"G49","name":"柘汪镇第49网格","level":"GRID","parentCode":"D01-S1-C2"},
                                                     "geometry":{"type":"Polygon","coordinates":[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]}}]}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The plan; nothing written")
    @APIResponse(
            responseCode = "400",
            description =
                    "NOT_A_FEATURE_COLLECTION, NO_FEATURES, INVALID_INPUT (allowOverlaps or baseVersion unreadable), IMPORT_REJECTED: every refused feature listed by index and code (GEOMETRY_MISSING, GEOMETRY_NOT_POLYGONAL, GEOMETRY_RING_NOT_CLOSED, GEOMETRY_UNREADABLE, GEOMETRY_OUT_OF_RANGE, GEOMETRY_WRONG_SRID, NOT_A_FEATURE, overlaps between comprehensive grids unless allowOverlaps=true)")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator imports areas")
    @APIResponse(
            responseCode = "413",
            description =
                    "IMPORT_TOO_LARGE, TOO_MANY_FEATURES: split the file by town or community")
    public ImportPlan preview(@QueryParam("allowOverlaps") String allowOverlaps, String body)
            throws JsonProcessingException {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "preview an import of areas");
        return importer.preview(
                read(body),
                new ImportOptions(QueryFlags.optional("allowOverlaps", allowOverlaps), null));
    }

    /**
     * Applies the file as one version of the grids, all or nothing: 201 with the plan and the new
     * {@code version}, 200 when nothing changed (nothing written), 400 listing every bad feature,
     * 409 when {@code baseVersion} (from the preview) is no longer the grids' version.
     */
    @POST
    @Path("/areas/import")
    @Blocking
    @Consumes({MediaType.APPLICATION_JSON, GEO_JSON})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Import areas from GeoJSON",
            description =
                    "Applies the FeatureCollection as one new version of the grids, all or nothing: new areas are added, existing ones (by code) updated, with grid.area-* events. Open cases keep the grid they were located to. Pass the preview's baseVersion so that a change made meanwhile is refused instead of overwritten.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "one new grid",
                                            value =
                                                    """
                                                    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"G49","name":"柘汪镇第49网格","level":"GRID","parentCode":"D01-S1-C2"},
                                                     "geometry":{"type":"Polygon","coordinates":[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]}}]}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "Nothing changed: nothing written, the plan says so")
    @APIResponse(responseCode = "201", description = "Applied: the plan and the new version")
    @APIResponse(
            responseCode = "400",
            description =
                    "NOT_A_FEATURE_COLLECTION, NO_FEATURES, INVALID_INPUT (allowOverlaps or baseVersion unreadable), IMPORT_REJECTED: every refused feature listed by index and code (GEOMETRY_MISSING, GEOMETRY_NOT_POLYGONAL, GEOMETRY_RING_NOT_CLOSED, GEOMETRY_UNREADABLE, GEOMETRY_OUT_OF_RANGE, GEOMETRY_WRONG_SRID, NOT_A_FEATURE, overlaps between comprehensive grids unless allowOverlaps=true)")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator imports areas")
    @APIResponse(
            responseCode = "409",
            description =
                    "GRIDS_CHANGED_SINCE_PREVIEW (baseVersion is no longer the grids' version), IMPORT_CONFLICT (an area of the file changed meanwhile)")
    @APIResponse(
            responseCode = "413",
            description =
                    "IMPORT_TOO_LARGE, TOO_MANY_FEATURES: split the file by town or community")
    public Response importCollection(
            @QueryParam("allowOverlaps") String allowOverlaps,
            @QueryParam("baseVersion") String baseVersion,
            String body)
            throws JsonProcessingException {
        var caller = signedIn.caller();
        policy.requireAdmin(caller, "import areas");
        var options =
                new ImportOptions(
                        QueryFlags.optional("allowOverlaps", allowOverlaps),
                        QueryNumbers.optionalWhole("baseVersion", baseVersion));
        var plan = importer.apply(read(body), options, caller.staffId());
        return Response.status(plan.nothingChanged() ? 200 : 201).entity(plan).build();
    }

    private FeatureReader.Result read(String body) throws JsonProcessingException {
        if (body == null || body.isBlank()) {
            throw Problem.invalid(
                    "NOT_A_FEATURE_COLLECTION",
                    "type",
                    "the body must be a GeoJSON FeatureCollection");
        }
        if (body.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
            throw new Problem(
                    Problem.Kind.TOO_LARGE,
                    "IMPORT_TOO_LARGE",
                    null,
                    "an import may hold at most "
                            + maxBytes
                            + " bytes; split it by town or community");
        }
        return FeatureReader.read(json.readTree(body), maxFeatures);
    }

    @GET
    @Path("/areas/{code}/export")
    @Produces({GEO_JSON, MediaType.APPLICATION_JSON})
    @Operation(
            summary = "Export an area and everything inside it as GeoJSON",
            description =
                    "A FeatureCollection of the area and its descendants, one Feature per area with its properties, as QGIS opens it; edited and imported again, it updates the same areas.")
    @APIResponse(
            responseCode = "200",
            description = "A GeoJSON FeatureCollection",
            content =
                    @Content(
                            mediaType = "application/geo+json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"type":"FeatureCollection","features":[{"type":"Feature","properties":{"code":"G49","name":"柘汪镇第49网格","level":"GRID","parentCode":"D01-S1-C2"},
                                                     "geometry":{"type":"Polygon","coordinates":[[[119.16,35.0],[119.17,35.0],[119.17,35.008],[119.16,35.008],[119.16,35.0]]]}}]}
                                                    """)))
    @APIResponse(responseCode = "404", description = "AREA_NOT_FOUND: no area has this code")
    public Uni<String> export(@PathParam("code") String code) {
        return exporter.subtree(code);
    }

    @GET
    @Path("/areas/{code}/coverage")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Check that the children cover an area",
            description =
                    "Gaps (parts of the area in no child grid) and overlaps (parts in more than one) larger than minAreaM2 square metres (default 1), each as GeoJSON with its size.")
    @APIResponse(
            responseCode = "200",
            description = "Gaps and overlaps, empty when the children tile the area")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT: minAreaM2 not a number or negative")
    @APIResponse(responseCode = "404", description = "AREA_NOT_FOUND: no area has this code")
    public Uni<CoverageCheck.Coverage> coverage(
            @PathParam("code") String code, @QueryParam("minAreaM2") String minAreaM2) {
        return coverage.of(
                code, QueryNumbers.optional("minAreaM2", minAreaM2, 0, Double.MAX_VALUE, 1));
    }
}
