package cn.gridgov.cases.open311;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.kit.problem.Problem;
import cn.gridgov.cases.casefile.CaseRepository;
import cn.gridgov.cases.casefile.CaseStatus;
import cn.gridgov.cases.casefile.ReportSource;
import cn.gridgov.cases.catalogue.Catalogue;
import cn.gridgov.cases.catalogue.Category;
import cn.gridgov.cases.intake.Report;
import cn.gridgov.cases.intake.ReportIntake;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
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
import org.jboss.resteasy.reactive.RestForm;

/**
 * Open311 GeoReport v2, so existing civic apps can report here. Our catalogue items are its
 * services; our eight steps map to open/closed, with the step in status_notes. A report merged
 * into another case answers with that case's status.
 */
// Open to citizens' apps: they carry no token; posting takes one of the apps' api keys instead.
@PermitAll
@Path("/open311/v2")
public class Open311Resource {

    private static final int MAX_RESULTS = 1000;

    private final Catalogue catalogue;
    private final ReportIntake intake;
    private final CaseRepository cases;
    private final ObjectMapper json;
    private final Clock clock;
    private final Open311Keys keys;

    public Open311Resource(Catalogue catalogue, ReportIntake intake, CaseRepository cases,
                           ObjectMapper json, Clock clock, Open311Keys keys) {
        this.catalogue = catalogue;
        this.intake = intake;
        this.cases = cases;
        this.json = json;
        this.clock = clock;
        this.keys = keys;
    }

    @GET
    @Path("/services.{format: json|xml}")
    public Uni<Response> services(@PathParam("format") String format) {
        return items().map(items -> Open311Format.of(format).ok("services", "service",
                items.stream().map(this::service).toList(), json));
    }

    @GET
    @Path("/services/{code}.{format: json|xml}")
    public Uni<Response> definition(@PathParam("code") String code, @PathParam("format") String format) {
        var f = Open311Format.of(format);
        var item = catalogue.category(code).filter(c -> c.isItem() && c.active && !c.photoRequired);
        if (item.isEmpty()) {
            return Uni.createFrom().item(f.error(404, "service_code " + code + " not found", json));
        }
        Map<String, Object> definition = new LinkedHashMap<>();
        definition.put("service_code", code);
        definition.put("attributes", List.of());
        return Uni.createFrom().item(f.ok("service_definition", "service", List.of(definition), json));
    }

    @POST
    @Path("/requests.{format: json|xml}")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Uni<Response> create(@PathParam("format") String format, @RestForm("api_key") String apiKey,
                                @RestForm("service_code") String serviceCode, @RestForm("lat") String lat,
                                @RestForm("long") String lon, @RestForm("address_string") String address,
                                @RestForm("description") String description, @RestForm("device_id") String deviceId,
                                @RestForm("email") String email, @RestForm("account_id") String accountId) {
        var f = Open311Format.of(format);
        return keys.use(apiKey).chain(valid -> valid
                ? create(f, apiKey, serviceCode, lat, lon, address, description, deviceId, email, accountId)
                : Uni.createFrom().item(f.error(403, "api_key is missing, revoked or not valid", json)));
    }

    private Uni<Response> create(Open311Format f, String apiKey, String serviceCode, String lat, String lon, String address,
                                 String description, String deviceId, String email, String accountId) {
        if (serviceCode == null || serviceCode.isBlank()) {
            return Uni.createFrom().item(f.error(400, "service_code is required", json));
        }
        double latitude;
        double longitude;
        try {
            latitude = Double.parseDouble(required(lat, "lat"));
            longitude = Double.parseDouble(required(lon, "long"));
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(f.error(400, e instanceof NumberFormatException
                    ? "lat and long must be decimal degrees" : e.getMessage(), json));
        }
        if (!Double.isFinite(latitude) || !Double.isFinite(longitude)
                || latitude < -90 || latitude > 90 || longitude < -180 || longitude > 180) {
            return Uni.createFrom().item(f.error(400, "lat must be within [-90, 90] and long within [-180, 180]", json));
        }
        var text = description == null || description.isBlank() ? "(no description)" : description.strip();
        if (text.length() > 2000) {
            return Uni.createFrom().item(f.error(400, "description may have at most 2000 characters", json));
        }
        // PostgreSQL stores no NUL in text: refuse it here rather than fail when the case is written.
        for (var field : List.of(text, String.valueOf(address), String.valueOf(email), String.valueOf(accountId))) {
            if (field.indexOf('\u0000') >= 0) {
                return Uni.createFrom().item(f.error(400, "the request's text must not contain the NUL character", json));
            }
        }
        var reporter = accountId != null ? accountId : email;
        var report = new Report(reportIdFor(apiKey, deviceId, serviceCode, lat, lon, text), ReportSource.CITIZEN,
                reporter, serviceCode, text, longitude, latitude, address, List.of());
        return intake.receive(report)
                .map(outcome -> {
                    Map<String, Object> answer = new LinkedHashMap<>();
                    answer.put("service_request_id", outcome.reportedCase().number);
                    answer.put("token", outcome.reportedCase().reportId.toString());
                    answer.put("service_notice", "已收到，案件编号 " + outcome.reportedCase().number);
                    answer.put("account_id", accountId);
                    return f.ok("service_requests", "request", List.of(answer), json);
                })
                .onFailure(Problem.class).recoverWithItem(e -> {
                    var problem = (Problem) e;
                    var status = problem.kind() == Problem.Kind.CONFLICT ? 409 : 400;
                    return f.error(status, problem.getMessage(), json);
                });
    }

    @GET
    @Path("/requests.{format: json|xml}")
    public Uni<Response> search(@PathParam("format") String format, @QueryParam("service_request_id") String ids,
                                @QueryParam("service_code") String serviceCodes, @QueryParam("start_date") String start,
                                @QueryParam("end_date") String end, @QueryParam("status") String status) {
        var f = Open311Format.of(format);
        Instant from;
        Instant to;
        try {
            to = end == null ? clock.instant() : OffsetDateTime.parse(end).toInstant();
            from = start == null ? to.minus(Duration.ofDays(90)) : OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeParseException e) {
            return Uni.createFrom().item(f.error(400, "start_date and end_date must be W3C date-times, e.g. 2026-11-01T00:00:00+08:00", json));
        }
        if (status != null && !Set.of("open", "closed", "open,closed", "closed,open").contains(status)) {
            return Uni.createFrom().item(f.error(400, "status must be open, closed, or both", json));
        }
        var query = new StringBuilder("status <> :merged");
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("merged", CaseStatus.MERGED);
        if (ids != null) {
            query.append(" and number in :numbers");
            params.put("numbers", Arrays.asList(ids.split(",")));
        } else {
            query.append(" and reportedAt >= :from and reportedAt <= :to");
            params.put("from", from);
            params.put("to", to);
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
        return Panache.withSession(() -> cases.find(query + " order by reportedAt desc", params)
                        .page(0, MAX_RESULTS).list())
                .map(found -> f.ok("service_requests", "request", found.stream().map(c -> request(c, null)).toList(), json));
    }

    @GET
    @Path("/requests/{id}.{format: json|xml}")
    public Uni<Response> request(@PathParam("id") String id, @PathParam("format") String format) {
        var f = Open311Format.of(format);
        return Panache.withSession(() -> cases.findByNumber(id).chain(c -> {
            if (c == null) {
                return Uni.createFrom().item(f.error(404, "service_request_id " + id + " not found", json));
            }
            if (c.status == CaseStatus.MERGED && c.mergedInto != null) {
                return caseItJoined(c.mergedInto, 10).map(target -> f.ok("service_requests", "request",
                        List.of(request(target, c)), json));
            }
            return Uni.createFrom().item(f.ok("service_requests", "request", List.of(request(c, null)), json));
        }));
    }

    @GET
    @Path("/tokens/{token}.{format: json|xml}")
    public Uni<Response> token(@PathParam("token") String token, @PathParam("format") String format) {
        var f = Open311Format.of(format);
        UUID reportId;
        try {
            reportId = UUID.fromString(token);
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().item(f.error(404, "token " + token + " not found", json));
        }
        return Panache.withSession(() -> cases.findByReportId(reportId)).map(c -> {
            if (c == null) {
                return f.error(404, "token " + token + " not found", json);
            }
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("service_request_id", c.number);
            answer.put("token", token);
            return f.ok("service_requests", "request", List.of(answer), json);
        });
    }

    /** Follows merges to the case that answers for them (a merged case may itself have been merged). */
    private Uni<Case> caseItJoined(UUID id, int hopsLeft) {
        return cases.findById(id).chain(c -> c.status == CaseStatus.MERGED && c.mergedInto != null && hopsLeft > 0
                ? caseItJoined(c.mergedInto, hopsLeft - 1)
                : Uni.createFrom().item(c));
    }

    private Uni<List<Category>> items() {
        return Panache.withSession(() -> Panache.getSession().chain(session -> session
                // Items whose standard asks for a photo are left out: a GeoReport request cannot carry one here.
                .createQuery("from Category where sectionCode is not null and active = true and photoRequired = false order by code",
                        Category.class)
                .getResultList()));
    }

    private Map<String, Object> service(Category item) {
        Map<String, Object> service = new LinkedHashMap<>();
        service.put("service_code", item.code);
        service.put("service_name", item.name);
        service.put("description", item.registerConditions);
        service.put("metadata", false);
        service.put("type", "realtime");
        service.put("keywords", "");
        service.put("group", catalogue.category(item.sectionCode).map(section -> section.name).orElse(item.sectionCode));
        return service;
    }

    /** One request as GeoReport shows it; {@code asked} is the merged case the client asked about, if any. */
    private Map<String, Object> request(Case c, Case asked) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("service_request_id", asked != null ? asked.number : c.number);
        r.put("status", c.status.isOpen() ? "open" : "closed");
        r.put("status_notes", (asked != null ? "已并入案件 " + c.number + "；" : "") + notes(c));
        r.put("service_name", catalogue.category(c.category).map(item -> item.name).orElse(c.category));
        r.put("service_code", c.category);
        r.put("description", c.description);
        r.put("agency_responsible", c.routedDepartmentName);
        r.put("service_notice", null);
        r.put("requested_datetime", (asked != null ? asked : c).reportedAt.toString());
        r.put("updated_datetime", c.updatedAt.toString());
        r.put("expected_datetime", c.stepDueAt == null ? null : c.stepDueAt.toString());
        r.put("address", c.address);
        r.put("lat", c.latitude);
        r.put("long", c.longitude);
        r.put("media_url", null);
        return r;
    }

    private static String notes(Case c) {
        return switch (c.status) {
            case REPORTED -> "已上报，待核实";
            case VERIFIED -> "已核实，待受理";
            case ACCEPTED -> "已受理，正在分派";
            case DISPATCHED -> "已派遣至 " + c.routedDepartmentName;
            case HANDLING -> "正在处置";
            case PARKED -> "已挂账";
            case RESULT_SUBMITTED -> "处置完毕，待核查";
            case CLOSED -> "已结案";
            case EVALUATED -> "已结案并评价";
            case REJECTED -> "经核实不予立案";
            case MERGED -> "已并案";
        };
    }

    private static String required(String value, String name) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " is required");
        }
        return value;
    }

    /**
     * GeoReport has no client-chosen id; a device that sends the same report twice is recognised
     * by its device id and content, so a retry does not open a second case.
     */
    private static UUID reportIdFor(String apiKey, String deviceId, String code, String lat, String lon, String text) {
        if (deviceId == null || deviceId.isBlank()) {
            return UUID.randomUUID();
        }
        var key = String.join("\u001f", apiKey, deviceId, code, lat, lon, text);
        return UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
    }
}
