package cn.gridgov.grid.rest;

import cn.gridgov.grid.geojson.FeatureProblem;
import cn.gridgov.grid.geojson.ImportRejected;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** A refused import answers with the usual error body plus every bad feature, by index. */
public class ImportRejectedMapper {

    public record ImportErrorBody(
            String code, String message, String field, List<FeatureProblem> features) {}

    @ServerExceptionMapper
    public Response importRejected(ImportRejected rejected) {
        return Response.status(400)
                .type("application/json")
                .entity(
                        new ImportErrorBody(
                                rejected.code(),
                                rejected.getMessage(),
                                rejected.field(),
                                rejected.problems()))
                .build();
    }
}
