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

/**
 * Areas in and out as GeoJSON, so grids drawn in QGIS come in and go back out; and the coverage
 * check.
 */
@Path("/api/v1")
@Authenticated
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
    public Uni<String> export(@PathParam("code") String code) {
        return exporter.subtree(code);
    }

    @GET
    @Path("/areas/{code}/coverage")
    @Produces(MediaType.APPLICATION_JSON)
    public Uni<CoverageCheck.Coverage> coverage(
            @PathParam("code") String code, @QueryParam("minAreaM2") String minAreaM2) {
        return coverage.of(
                code, QueryNumbers.optional("minAreaM2", minAreaM2, 0, Double.MAX_VALUE, 1));
    }
}
