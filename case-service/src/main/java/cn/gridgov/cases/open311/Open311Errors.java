package cn.gridgov.cases.open311;

import cn.gridgov.kit.problem.ErrorBody;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Every refusal under {@code /open311/}, ours and the framework's (an unknown path, a JSON body
 * where a form is expected, a method not allowed), in the specification's form: a list of {code,
 * description}, the code being the HTTP status, in XML when the path ends in {@code .xml} and JSON
 * otherwise. The service's own error body is made first, by the same mappers as everywhere, and
 * turned into GeoReport's here, so there is one place that decides a status.
 */
public class Open311Errors {

    @ServerResponseFilter
    public void inSpecificationForm(
            ContainerRequestContext request, ContainerResponseContext response) {
        var path = "/" + request.getUriInfo().getPath().replaceFirst("^/", "");
        if (!path.startsWith("/open311/")
                || response.getStatus() < 400
                || !(response.getEntity() instanceof ErrorBody body)) {
            return;
        }
        var format = Open311Format.ofPath(path);
        var description =
                switch (response.getStatus()) {
                    case 404 ->
                            body.field() == null
                                    ? "no such resource: " + path + "; see /open311/discovery.xml"
                                    : body.message();
                    case 405 -> request.getMethod() + " is not allowed on " + path;
                    case 415 ->
                            "post the form as application/x-www-form-urlencoded, as GeoReport v2 says";
                    default -> body.message();
                };
        response.setEntity(
                format.write(Open311Format.errors(response.getStatus(), description)),
                null,
                MediaType.valueOf(format.mediaType()));
    }
}
