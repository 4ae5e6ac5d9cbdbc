package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.catalogue.Category;
import cn.gridgov.cases.catalogue.CategoryAttribute;
import cn.gridgov.cases.intake.Report;
import cn.gridgov.cases.intake.ReportIntake;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Open311 GeoReport v2, so existing civic apps (FixMyStreet among them) report here: discovery, the
 * catalogue's items as services with their attributes, requests by location or by address alone,
 * and FixMyStreet's servicerequestupdates. Our eight steps map to open/closed, with the step in
 * status_notes; a request merged into another case answers with that case's status. Every error,
 * ours or the framework's, is the specification's list of {code, description} ({@link
 * Open311Errors}).
 */
// Open to citizens' apps: they carry no token; posting takes one of the apps' api keys instead.
@PermitAll
@Path("/open311")
@Tag(name = ApiTags.OPEN311)
public class Open311Resource {

    private static final int MAX_RESULTS = 1000;
    private static final Duration DEFAULT_PERIOD = Duration.ofDays(90);

    /** When this interface last changed, as discovery reports it. */
    private static final String CHANGESET = "2026-12-07T00:00:00Z";

    private static final String SPECIFICATION = "http://wiki.open311.org/GeoReport_v2";
    private static final TypeReference<List<GeoReport.Value>> VALUES = new TypeReference<>() {};

    private final Catalogue catalogue;
    private final ReportIntake intake;
    private final CaseRepository cases;
    private final AnsweringCase answering;
    private final Open311Requests requests;
    private final Open311Updates updates;
    private final Open311Keys keys;
    private final ObjectMapper json;
    private final Clock clock;
    private final String jurisdiction;
    private final String contact;

    public Open311Resource(
            Catalogue catalogue,
            ReportIntake intake,
            CaseRepository cases,
            AnsweringCase answering,
            Open311Requests requests,
            Open311Updates updates,
            Open311Keys keys,
            ObjectMapper json,
            Clock clock,
            @ConfigProperty(name = "gridgov.open311.jurisdiction-id") String jurisdiction,
            @ConfigProperty(name = "gridgov.open311.contact") String contact) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.cases = cases;
        this.answering = answering;
        this.requests = requests;
        this.updates = updates;
        this.keys = keys;
        this.json = json;
        this.clock = clock;
        this.jurisdiction = jurisdiction;
        this.contact = contact;
    }

    @GET
    @Path("/discovery.{format: json|xml}")
    @Operation(
            summary = "Open311 discovery",
            description =
                    "What this Open311 GeoReport v2 server offers: the specification, the endpoint, formats, the contact and how to get an api key (and the one jurisdiction_id served).")
    @APIResponse(
            responseCode = "200",
            description = "The discovery document",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                {"changeset":"2026-12-07T00:00:00Z","contact":"…","key_service":"…","endpoints":[{"specification":"http://wiki.open311.org/GeoReport_v2","url":"http://127.0.0.1:8082/open311/v2","changeset":"2026-12-07T00:00:00Z","type":"production","formats":["text/xml","application/json"]}]}
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <discovery><changeset>2026-12-07T00:00:00Z</changeset><contact>…</contact><key_service>…</key_service><endpoints><endpoint><specification>http://wiki.open311.org/GeoReport_v2</specification><url>http://127.0.0.1:8082/open311/v2</url></endpoint></endpoints></discovery>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "NOT_FOUND: an unknown path or format (only .json and .xml are served) (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no such resource: /open311/v2/services.csv; see /open311/discovery.xml"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no such resource: /open311/v2/services.csv; see /open311/discovery.xml</description></error></errors>
                                                """))
            })
    public Response discovery(@PathParam("format") String format, @Context UriInfo uri) {
        var endpoint =
                new GeoReport.Endpoint(
                        SPECIFICATION,
                        uri.getBaseUriBuilder().path("open311/v2").build().toString(),
                        CHANGESET,
                        "production",
                        List.of(Open311Format.XML.mediaType(), Open311Format.JSON.mediaType()));
        return Open311Format.of(format)
                .ok(
                        new GeoReport.Discovery(
                                CHANGESET,
                                contact,
                                "an administrator of the command center issues one key per client app (POST /api/v1/open311-keys); "
                                        + "the only jurisdiction_id served is "
                                        + jurisdiction,
                                List.of(endpoint)));
    }

    @GET
    @Path("/v2/services.{format: json|xml}")
    @Operation(
            summary = "Open311 services",
            description =
                    "The catalogue's active items a citizen may report without a photo, as GeoReport services (service_code is the item's code), metadata true where the item has attributes.")
    @APIResponse(
            responseCode = "200",
            description = "The services",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"service_code":"0101","service_name":"井盖缺失","description":"井盖缺失、破损","metadata":true,"type":"realtime","keywords":"","group":"市政公用设施"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <services><service><service_code>0101</service_code><service_name>井盖缺失</service_name><metadata>true</metadata><type>realtime</type></service></services>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_JURISDICTION: jurisdiction_id, when given, must be the one this server serves (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"jurisdiction_id gy.gridgov.cn is not served here"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>jurisdiction_id gy.gridgov.cn is not served here</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "NOT_FOUND: an unknown path or format (only .json and .xml are served) (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no such resource: /open311/v2/services.csv; see /open311/discovery.xml"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no such resource: /open311/v2/services.csv; see /open311/discovery.xml</description></error></errors>
                                                """))
            })
    public Uni<Response> services(
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        return items().map(
                        items ->
                                Open311Format.of(format)
                                        .ok(
                                                new GeoReport.Services(
                                                        items.stream()
                                                                .map(this::service)
                                                                .toList())));
    }

    @GET
    @Path("/v2/services/{code}.{format: json|xml}")
    @Operation(
            summary = "An Open311 service definition",
            description =
                    "The attributes of a service (from the catalogue's register conditions), for attribute[code] in a request.")
    @APIResponse(
            responseCode = "200",
            description = "The service definition",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                {"service_code":"0101","attributes":[{"variable":true,"code":"depth","datatype":"string","required":false,"description":"深度","order":1}]}
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_definition><service_code>0101</service_code><attributes><attribute><code>depth</code><datatype>string</datatype></attribute></attributes></service_definition>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_JURISDICTION: jurisdiction_id, when given, must be the one this server serves (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"jurisdiction_id gy.gridgov.cn is not served here"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>jurisdiction_id gy.gridgov.cn is not served here</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "UNKNOWN_SERVICE: no service has this code (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"service_code 9999 is not a service here"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>service_code 9999 is not a service here</description></error></errors>
                                                """))
            })
    public Response definition(
            @PathParam("code") String code,
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        var item =
                catalogue
                        .category(code)
                        .filter(c -> c.isItem() && c.active && !c.photoRequired)
                        .orElseThrow(
                                () ->
                                        Problem.notFound(
                                                "UNKNOWN_SERVICE",
                                                "service_code",
                                                "service_code " + code + " not found"));
        var attributes = catalogue.attributes(item.code).stream().map(this::attribute).toList();
        return Open311Format.of(format).ok(new GeoReport.ServiceDefinition(item.code, attributes));
    }

    @POST
    @Path("/v2/requests.{format: json|xml}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary = "Post an Open311 service request",
            description =
                    "A citizen's app posts a request with its api_key: by lat and long, or by address_string alone (kept, its location pending, until a dispatcher places it); media_url, attribute[code] and the reporter's first_name, last_name, email and phone are kept (the contact never shown publicly). Answers the service_request_id (the case number) or, for an address-only request, a token.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "application/x-www-form-urlencoded",
                            examples =
                                    @ExampleObject(
                                            name = "a pothole",
                                            value =
                                                    "api_key=o311_…&service_code=0101&lat=35.004&long=119.165&description=井盖缺失&media_url=https://example.org/p.jpg&attribute[depth]=10cm&first_name=Li&email=li@example.org")))
    @APIResponse(
            responseCode = "200",
            description = "The request's id, or a token while its place is pending",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"service_request_id":"2026-000031","service_notice":"","account_id":null}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_requests><request><service_request_id>2026-000031</service_request_id></request></service_requests>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "REQUIRED (api_key, service_code), LOCATION_REQUIRED (neither lat and long nor address_string), UNKNOWN_SERVICE, UNKNOWN_JURISDICTION, an attribute required or not a choice, a value too long (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"service_code is required"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>service_code is required</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "403",
            description =
                    "INVALID_API_KEY: the api_key is unknown or revoked (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":403,"description":"api_key is not valid"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>403</code><description>api_key is not valid</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "415",
            description =
                    "UNSUPPORTED_MEDIA_TYPE: the form must be application/x-www-form-urlencoded (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":415,"description":"post the form as application/x-www-form-urlencoded, as GeoReport v2 says"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>415</code><description>post the form as application/x-www-form-urlencoded, as GeoReport v2 says</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "422",
            description =
                    "OUTSIDE_GRIDS: the place is in no grid of this jurisdiction (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":422,"description":"the place is outside every grid"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>422</code><description>the place is outside every grid</description></error></errors>
                                                """))
            })
    public Uni<Response> create(
            @PathParam("format") String format, MultivaluedMap<String, String> form) {
        var f = Open311Format.of(format);
        return client(form)
                .chain(
                        client -> {
                            var request = RequestForm.read(form, catalogue, json);
                            var token = reportIdFor(client.keyId(), request);
                            var submitted =
                                    new Open311Requests.Submitted(
                                            token,
                                            client.keyId(),
                                            request.serviceCode(),
                                            request.description(),
                                            request.address(),
                                            request.addressOnly(),
                                            request.mediaUrl(),
                                            request.attributes(),
                                            request.contact(),
                                            clock.instant());
                            var kept = requests.keep(submitted);
                            if (request.addressOnly()) {
                                return kept.replaceWith(
                                        f.ok(
                                                receipt(
                                                        null,
                                                        token,
                                                        "已收到，待指挥中心按地址定位后立案；凭 token 查询案件编号",
                                                        request)));
                            }
                            var report =
                                    new Report(
                                            token,
                                            ReportSource.CITIZEN,
                                            Open311Requests.reporterId(token),
                                            request.serviceCode(),
                                            request.description(),
                                            request.lon(),
                                            request.lat(),
                                            request.address(),
                                            List.of());
                            return kept.chain(() -> intake.receive(report))
                                    .map(
                                            outcome ->
                                                    f.ok(
                                                            receipt(
                                                                    outcome.reportedCase().number,
                                                                    token,
                                                                    "已收到，案件编号 "
                                                                            + outcome.reportedCase()
                                                                                    .number,
                                                                    request)));
                        });
    }

    @GET
    @Path("/v2/requests.{format: json|xml}")
    @Operation(
            summary = "Search Open311 service requests",
            description =
                    "Requests by service_request_id (comma-separated) or by service_code, status (open, closed) and period (start_date, end_date; default the last 90 days), at most 1,000, newest first; a merged request answers with the case it joined. Never the reporter's contact.")
    @APIResponse(
            responseCode = "200",
            description = "The requests",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"service_request_id":"2026-000031","status":"open","status_notes":"DISPATCH","service_code":"0101","service_name":"井盖缺失","description":"井盖缺失","requested_datetime":"2026-12-07T08:00:00+08:00","updated_datetime":"2026-12-07T08:05:00+08:00","lat":35.004,"long":119.165,"media_url":null}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_requests><request><service_request_id>2026-000031</service_request_id><status>open</status></request></service_requests>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_DATE (start_date or end_date not ISO 8601), INVALID_STATUS, UNKNOWN_JURISDICTION (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"start_date must be an ISO 8601 date and time"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>start_date must be an ISO 8601 date and time</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "NOT_FOUND: an unknown path or format (only .json and .xml are served) (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no such resource: /open311/v2/services.csv; see /open311/discovery.xml"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no such resource: /open311/v2/services.csv; see /open311/discovery.xml</description></error></errors>
                                                """))
            })
    public Uni<Response> search(
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("service_request_id") String ids,
            @QueryParam("service_code") String serviceCodes,
            @QueryParam("start_date") String start,
            @QueryParam("end_date") String end,
            @QueryParam("status") String status) {
        checkJurisdiction(jurisdictionId);
        var period = period(start, end);
        if (status != null
                && !Set.of("open", "closed", "open,closed", "closed,open").contains(status)) {
            throw Problem.invalid(
                    "INVALID_STATUS", "status", "status must be open, closed, or both");
        }
        var query = new StringBuilder("status <> :merged");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("merged", CaseStatus.MERGED);
        if (ids != null) {
            query.append(" and number in :numbers");
            params.put("numbers", Arrays.asList(ids.split(",")));
        } else {
            query.append(" and reportedAt >= :from and reportedAt <= :to");
            params.put("from", period.from());
            params.put("to", period.to());
        }
        if (serviceCodes != null) {
            query.append(" and category in :codes");
            params.put("codes", Arrays.asList(serviceCodes.split(",")));
        }
        // A merged case is listed as the case it joined, so openness is the case's own.
        if ("open".equals(status)) {
            query.append(" and open = true");
        } else if ("closed".equals(status)) {
            query.append(" and open = false");
        }
        return Panache.withSession(
                        () ->
                                cases.find(query + " order by reportedAt desc", params)
                                        .page(0, MAX_RESULTS)
                                        .list())
                .chain(
                        found ->
                                requests.mediaUrls(found.stream().map(c -> c.reportId).toList())
                                        .map(
                                                media ->
                                                        Open311Format.of(format)
                                                                .ok(
                                                                        new GeoReport.Requests(
                                                                                found.stream()
                                                                                        .map(
                                                                                                c ->
                                                                                                        request(
                                                                                                                c,
                                                                                                                null,
                                                                                                                media
                                                                                                                        .get(
                                                                                                                                c.reportId)))
                                                                                        .toList()))));
    }

    @GET
    @Path("/v2/requests/{id}.{format: json|xml}")
    @Operation(
            summary = "An Open311 service request",
            description =
                    "One request by its service_request_id (the case number); a merged one answers with the case it joined.")
    @APIResponse(
            responseCode = "200",
            description = "The request, in a list of one",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"service_request_id":"2026-000031","status":"closed","status_notes":"CLOSED","service_code":"0101"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_requests><request><service_request_id>2026-000031</service_request_id><status>closed</status></request></service_requests>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_JURISDICTION: jurisdiction_id, when given, must be the one this server serves (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"jurisdiction_id gy.gridgov.cn is not served here"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>jurisdiction_id gy.gridgov.cn is not served here</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "REQUEST_NOT_FOUND: no request has this id (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no service request 2026-999999"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no service request 2026-999999</description></error></errors>
                                                """))
            })
    public Uni<Response> request(
            @PathParam("id") String id,
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        return Panache.withSession(
                        () ->
                                cases.findByNumber(id)
                                        .onItem()
                                        .ifNull()
                                        .failWith(
                                                () ->
                                                        Problem.notFound(
                                                                "REQUEST_NOT_FOUND",
                                                                "service_request_id",
                                                                "service_request_id "
                                                                        + id
                                                                        + " not found"))
                                        .chain(
                                                asked ->
                                                        answering
                                                                .of(asked)
                                                                .map(
                                                                        c ->
                                                                                c == asked
                                                                                        ? new Asked(
                                                                                                c,
                                                                                                null)
                                                                                        : new Asked(
                                                                                                c,
                                                                                                asked))))
                .chain(
                        asked ->
                                requests.mediaUrls(List.of(asked.own().reportId))
                                        .map(
                                                media ->
                                                        Open311Format.of(format)
                                                                .ok(
                                                                        new GeoReport.Requests(
                                                                                List.of(
                                                                                        request(
                                                                                                asked
                                                                                                        .answering(),
                                                                                                asked
                                                                                                        .merged(),
                                                                                                media
                                                                                                        .get(
                                                                                                                asked
                                                                                                                        .own()
                                                                                                                        .reportId)))))));
    }

    /**
     * A request the client asked about: the case answering for it, and the merged case asked about,
     * if it was merged.
     */
    private record Asked(Case answering, Case merged) {
        Case own() {
            return merged != null ? merged : answering;
        }
    }

    @GET
    @Path("/v2/tokens/{token}.{format: json|xml}")
    @Operation(
            summary = "The request an Open311 token became",
            description =
                    "For an address-only request: its token answers the service_request_id once a dispatcher has placed it, and nothing before.")
    @APIResponse(
            responseCode = "200",
            description = "The token and, once placed, the request's id",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"token":"5a6b…","service_request_id":"2026-000031"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_requests><request><token>5a6b…</token><service_request_id>2026-000031</service_request_id></request></service_requests>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "UNKNOWN_JURISDICTION: jurisdiction_id, when given, must be the one this server serves (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"jurisdiction_id gy.gridgov.cn is not served here"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>jurisdiction_id gy.gridgov.cn is not served here</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "TOKEN_NOT_FOUND: no request has this token (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no request under token 5a6b…"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no request under token 5a6b…</description></error></errors>
                                                """))
            })
    public Uni<Response> token(
            @PathParam("token") String token,
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId) {
        checkJurisdiction(jurisdictionId);
        var f = Open311Format.of(format);
        var notFound =
                Problem.notFound("TOKEN_NOT_FOUND", "token", "token " + token + " not found");
        UUID reportId;
        try {
            reportId = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            throw notFound;
        }
        return Panache.withSession(() -> cases.findByReportId(reportId))
                .chain(
                        c ->
                                c != null
                                        ? Uni.createFrom()
                                                .item(
                                                        f.ok(
                                                                new GeoReport.Receipts(
                                                                        List.of(
                                                                                new GeoReport
                                                                                        .Receipt(
                                                                                        c.number,
                                                                                        token, null,
                                                                                        null)))))
                                        // Placed by no dispatcher yet: the request is known, its id
                                        // is not there yet.
                                        : requests.pending(reportId)
                                                .map(
                                                        pending ->
                                                                f.ok(
                                                                        new GeoReport.Receipts(
                                                                                List.of(
                                                                                        new GeoReport
                                                                                                .Receipt(
                                                                                                null,
                                                                                                pending.orElseThrow(
                                                                                                                () ->
                                                                                                                        notFound)
                                                                                                        .token()
                                                                                                        .toString(),
                                                                                                null,
                                                                                                null))))));
    }

    @GET
    @Path("/v2/servicerequestupdates.{format: json|xml}")
    @Operation(
            summary = "Open311 service request updates",
            description =
                    "FixMyStreet's servicerequestupdates: the updates on requests in a period (start_date, end_date; default the last 90 days), at most 1,000: each step the case took, and updates posted by clients.")
    @APIResponse(
            responseCode = "200",
            description = "The updates",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"update_id":"7c8d…","service_request_id":"2026-000031","status":"open","updated_datetime":"2026-12-07T09:00:00+08:00","description":"已派遣：综合行政执法局","media_url":null}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_request_updates><request_update><update_id>7c8d…</update_id><service_request_id>2026-000031</service_request_id><status>open</status></request_update></service_request_updates>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_DATE, UNKNOWN_JURISDICTION (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"end_date must be an ISO 8601 date and time"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>end_date must be an ISO 8601 date and time</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "NOT_FOUND: an unknown path or format (only .json and .xml are served) (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no such resource: /open311/v2/services.csv; see /open311/discovery.xml"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no such resource: /open311/v2/services.csv; see /open311/discovery.xml</description></error></errors>
                                                """))
            })
    public Uni<Response> updates(
            @PathParam("format") String format,
            @QueryParam("jurisdiction_id") String jurisdictionId,
            @QueryParam("start_date") String start,
            @QueryParam("end_date") String end) {
        checkJurisdiction(jurisdictionId);
        var period = period(start, end);
        return updates.between(period.from(), period.to(), MAX_RESULTS)
                .map(
                        found ->
                                Open311Format.of(format)
                                        .ok(
                                                new GeoReport.Updates(
                                                        found.stream()
                                                                .map(Open311Resource::update)
                                                                .toList())));
    }

    @POST
    @Path("/v2/servicerequestupdates.{format: json|xml}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(
            summary = "Post an update on an Open311 request",
            description =
                    "FixMyStreet posts a citizen's update (a comment, a photo's media_url) with its api_key; it lands on the case's timeline.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = "application/x-www-form-urlencoded",
                            examples =
                                    @ExampleObject(
                                            name = "a comment",
                                            value =
                                                    "api_key=o311_…&service_request_id=2026-000031&updated_datetime=2026-12-07T10:00:00+08:00&status=open&description=还没修好&first_name=Li")))
    @APIResponse(
            responseCode = "200",
            description = "The update's id",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"update_id":"7c8d…"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <service_request_updates><request_update><update_id>7c8d…</update_id></request_update></service_request_updates>
                                                """))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "REQUIRED (api_key, service_request_id, description), INVALID_DATE, UNKNOWN_JURISDICTION (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":400,"description":"description is required"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>400</code><description>description is required</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "403",
            description =
                    "INVALID_API_KEY: the api_key is unknown or revoked (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":403,"description":"api_key is not valid"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>403</code><description>api_key is not valid</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "404",
            description =
                    "REQUEST_NOT_FOUND: no request has this id (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":404,"description":"no service request 2026-999999"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>404</code><description>no service request 2026-999999</description></error></errors>
                                                """))
            })
    @APIResponse(
            responseCode = "415",
            description =
                    "UNSUPPORTED_MEDIA_TYPE: the form must be application/x-www-form-urlencoded (in GeoReport's form: a list of code and description, JSON or XML as the path ends)",
            content = {
                @Content(
                        mediaType = "application/json",
                        examples =
                                @ExampleObject(
                                        name = "json",
                                        value =
                                                """
                                                [{"code":415,"description":"post the form as application/x-www-form-urlencoded, as GeoReport v2 says"}]
                                                """)),
                @Content(
                        mediaType = "application/xml",
                        examples =
                                @ExampleObject(
                                        name = "xml",
                                        value =
                                                """
                                                <?xml version="1.0" encoding="utf-8"?>
                                                <errors><error><code>415</code><description>post the form as application/x-www-form-urlencoded, as GeoReport v2 says</description></error></errors>
                                                """))
            })
    public Uni<Response> postUpdate(
            @PathParam("format") String format, MultivaluedMap<String, String> form) {
        return client(form)
                .chain(
                        client -> {
                            var contact =
                                    new Open311Requests.Contact(
                                            RequestForm.text(form, "first_name", 200),
                                            RequestForm.text(form, "last_name", 200),
                                            RequestForm.email(RequestForm.text(form, "email", 254)),
                                            RequestForm.text(form, "phone", 40),
                                            RequestForm.text(form, "account_id", 200));
                            var posted =
                                    new Open311Updates.Posted(
                                            client,
                                            RequestForm.required(form, "update_id"),
                                            RequestForm.required(form, "service_request_id"),
                                            RequestForm.text(form, "status", 40),
                                            required(
                                                    RequestForm.text(
                                                            form,
                                                            "description",
                                                            RequestForm.MAX_DESCRIPTION),
                                                    "description"),
                                            RequestForm.url(
                                                    RequestForm.text(form, "media_url", 2000),
                                                    "media_url"),
                                            contact);
                            return updates.post(posted)
                                    .map(
                                            updateId ->
                                                    Open311Format.of(format)
                                                            .ok(
                                                                    new GeoReport.UpdateReceipts(
                                                                            List.of(
                                                                                    new GeoReport
                                                                                            .UpdateReceipt(
                                                                                            updateId)))));
                        });
    }

    /**
     * The client app whose api key the form carries, after the jurisdiction is checked; 403 without
     * a live key.
     */
    private Uni<Open311Keys.Client> client(MultivaluedMap<String, String> form) {
        checkJurisdiction(form.getFirst("jurisdiction_id"));
        return keys.use(form.getFirst("api_key"))
                .map(
                        client ->
                                client.orElseThrow(
                                        () ->
                                                Problem.forbidden(
                                                        "INVALID_API_KEY",
                                                        "api_key is missing, revoked or not valid")));
    }

    /** One jurisdiction is served: a client may leave jurisdiction_id out, or name it. */
    private void checkJurisdiction(String jurisdictionId) {
        if (jurisdictionId != null
                && !jurisdictionId.isBlank()
                && !jurisdiction.equals(jurisdictionId.strip())) {
            throw Problem.invalid(
                    "UNKNOWN_JURISDICTION",
                    "jurisdiction_id",
                    "jurisdiction_id "
                            + jurisdictionId
                            + " is not served here; this endpoint serves "
                            + jurisdiction);
        }
    }

    private record Period(Instant from, Instant to) {}

    private Period period(String start, String end) {
        try {
            var to = end == null ? clock.instant() : OffsetDateTime.parse(end).toInstant();
            var from =
                    start == null
                            ? to.minus(DEFAULT_PERIOD)
                            : OffsetDateTime.parse(start).toInstant();
            return new Period(from, to);
        } catch (DateTimeParseException e) {
            throw Problem.invalid(
                    "INVALID_DATE",
                    start == null ? "end_date" : "start_date",
                    "start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00+08:00");
        }
    }

    private static String required(String value, String field) {
        if (value == null) {
            throw Problem.invalid("REQUIRED", field, field + " is required");
        }
        return value;
    }

    private Uni<List<Category>> items() {
        return Panache.withSession(
                () ->
                        Panache.getSession()
                                .chain(
                                        session ->
                                                session
                                                        // Items whose standard asks for a photo are
                                                        // left out: a GeoReport request carries a
                                                        // media_url, not our photo.
                                                        .createQuery(
                                                                "from Category where sectionCode is not null and active = true and photoRequired = false order by code",
                                                                Category.class)
                                                        .getResultList()));
    }

    private GeoReport.Service service(Category item) {
        var group =
                catalogue
                        .category(item.sectionCode)
                        .map(section -> section.name)
                        .orElse(item.sectionCode);
        return new GeoReport.Service(
                item.code,
                item.name,
                item.registerConditions,
                !catalogue.attributes(item.code).isEmpty(),
                "realtime",
                null,
                group);
    }

    private GeoReport.Attribute attribute(CategoryAttribute a) {
        try {
            return new GeoReport.Attribute(
                    true,
                    a.code,
                    a.datatype,
                    a.required,
                    a.datatypeDescription,
                    a.position,
                    a.description,
                    json.readValue(a.allowedValues, VALUES));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(
                    "the catalogue's values of " + a.code + " are not JSON", e);
        }
    }

    private static GeoReport.Receipts receipt(
            String number, UUID token, String notice, RequestForm request) {
        return new GeoReport.Receipts(
                List.of(
                        new GeoReport.Receipt(
                                number, token.toString(), notice, request.contact().accountId())));
    }

    /**
     * One request as anyone may read it; {@code merged} is the merged case the client asked about,
     * if any.
     */
    private GeoReport.Request request(Case c, Case merged, String mediaUrl) {
        var asked = merged != null ? merged : c;
        return new GeoReport.Request(
                asked.number,
                PublicStatus.openOrClosed(c.status),
                (merged != null ? "已并入案件 " + c.number + "；" : "")
                        + PublicStatus.notes(c.status, c.routedDepartmentName),
                catalogue.category(c.category).map(item -> item.name).orElse(c.category),
                c.category,
                c.description,
                c.routedDepartmentName,
                null,
                asked.reportedAt.toString(),
                c.updatedAt.toString(),
                c.stepDueAt == null ? null : c.stepDueAt.toString(),
                asked.address,
                asked.latitude,
                asked.longitude,
                mediaUrl);
    }

    private static GeoReport.Update update(Open311Updates.TimelineUpdate u) {
        var description =
                Open311Updates.ACTION.equals(u.action())
                        ? u.note()
                        : PublicStatus.notes(u.status(), null);
        return new GeoReport.Update(
                u.updateId(),
                u.number(),
                PublicStatus.updateState(u.status()),
                u.at().toString(),
                description,
                u.mediaUrl());
    }

    /**
     * GeoReport has no client-chosen id; a device that sends the same request twice is recognised
     * by its device id and content, so a retry does not open a second case.
     */
    private static UUID reportIdFor(UUID keyId, RequestForm r) {
        if (r.deviceId() == null) {
            return UUID.randomUUID();
        }
        var key =
                String.join(
                        "\u001f",
                        keyId.toString(),
                        r.deviceId(),
                        r.serviceCode(),
                        String.valueOf(r.lat()),
                        String.valueOf(r.lon()),
                        String.valueOf(r.address()),
                        r.description());
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
