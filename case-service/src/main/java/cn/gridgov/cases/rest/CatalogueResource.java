package cn.gridgov.cases.rest;

import cn.gridgov.cases.casefile.Step;
import cn.gridgov.cases.casefile.Urgency;
import cn.gridgov.cases.catalogue.CalendarDay;
import cn.gridgov.cases.catalogue.CatalogueEditor;
import cn.gridgov.cases.catalogue.Category;
import cn.gridgov.cases.catalogue.CategoryTimeLimit;
import cn.gridgov.cases.workflow.CasePolicy;
import cn.gridgov.kit.identity.SignedIn;
import cn.gridgov.kit.identity.StaffDirectory;
import cn.gridgov.kit.openapi.ApiTags;
import cn.gridgov.kit.problem.Problem;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The category catalogue and the working calendar: read by anyone signed in, edited by
 * administrators alone.
 */
@Authenticated
@Path("/api/v1")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = ApiTags.SUPERVISE)
public class CatalogueResource {

    private final CatalogueEditor editor;
    private final SignedIn signedIn;
    private final StaffDirectory directory;
    private final CasePolicy policy;

    public CatalogueResource(
            CatalogueEditor editor,
            SignedIn signedIn,
            StaffDirectory directory,
            CasePolicy policy) {
        this.editor = editor;
        this.signedIn = signedIn;
        this.directory = directory;
        this.policy = policy;
    }

    /**
     * Administrators alone edit (403 {@code ADMIN_ONLY}); checked before anything is read or
     * written.
     */
    private Uni<String> admin() {
        var caller = signedIn.caller();
        return directory
                .scopeOf(caller)
                .invoke(
                        scope ->
                                policy.requireAdmin(
                                        new CasePolicy.Who(caller, scope),
                                        "edits the catalogue and the calendar"))
                .map(scope -> caller.staffId());
    }

    public record CategoryView(
            String code,
            String sectionCode,
            String name,
            String registerConditions,
            String closeConditions,
            Urgency defaultUrgency,
            boolean photoRequired,
            boolean active,
            Map<Urgency, Map<Step, String>> timeLimits) {}

    public record ItemRequest(
            @NotBlank @Size(max = 12) String sectionCode,
            @NotBlank @Size(max = 100) String name,
            @Size(max = 2000) String registerConditions,
            @Size(max = 2000) String closeConditions,
            @NotNull Urgency defaultUrgency,
            boolean photoRequired,
            Boolean active,
            @NotNull Map<Urgency, Map<Step, String>> timeLimits) {}

    public record DayRequest(@NotNull Boolean working, @NotBlank @Size(max = 100) String name) {}

    @GET
    @Path("/categories")
    @Operation(
            summary = "The category catalogue",
            description =
                    "The catalogue of problems (部件事件分类): sections and items with their register and close conditions, default urgency, whether a photo is required, and each step's time limit per urgency in working time.")
    @APIResponse(responseCode = "200", description = "The sections and items")
    public Uni<List<CategoryView>> categories() {
        return Panache.withSession(
                () ->
                        Panache.getSession()
                                .chain(
                                        session ->
                                                session.createQuery(
                                                                "from Category order by code",
                                                                Category.class)
                                                        .getResultList()
                                                        .chain(
                                                                categories ->
                                                                        session.createQuery(
                                                                                        "from CategoryTimeLimit",
                                                                                        CategoryTimeLimit
                                                                                                .class)
                                                                                .getResultList()
                                                                                .map(
                                                                                        limits -> {
                                                                                            var
                                                                                                    byCode =
                                                                                                            limits
                                                                                                                    .stream()
                                                                                                                    .collect(
                                                                                                                            Collectors
                                                                                                                                    .groupingBy(
                                                                                                                                            l ->
                                                                                                                                                    l.categoryCode));
                                                                                            return categories
                                                                                                    .stream()
                                                                                                    .map(
                                                                                                            c ->
                                                                                                                    view(
                                                                                                                            c,
                                                                                                                            byCode
                                                                                                                                    .getOrDefault(
                                                                                                                                            c.code,
                                                                                                                                            List
                                                                                                                                                    .of())))
                                                                                                    .toList();
                                                                                        }))));
    }

    @GET
    @Path("/categories/{code}")
    @Operation(
            summary = "A category",
            description = "A section or item of the catalogue by its code.")
    @APIResponse(responseCode = "200", description = "The category")
    @APIResponse(
            responseCode = "404",
            description = "CATEGORY_NOT_FOUND: no category has this code")
    public Uni<CategoryView> category(@PathParam("code") String code) {
        return categories()
                .map(
                        all ->
                                all.stream()
                                        .filter(c -> c.code().equals(code))
                                        .findFirst()
                                        .orElseThrow(
                                                () ->
                                                        new Problem(
                                                                Problem.Kind.NOT_FOUND,
                                                                "CATEGORY_NOT_FOUND",
                                                                "code",
                                                                "no category " + code)));
    }

    @PUT
    @Path("/categories/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Create or change a catalogue item",
            description =
                    "An administrator adds or changes an item of a section: its conditions, default urgency, photo rule and time limits (2h, 1d, in working time). Cases already open keep their deadlines.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a missing manhole cover",
                                            value =
                                                    """
                                                    {"sectionCode":"01","name":"井盖缺失","registerConditions":"井盖缺失、破损","closeConditions":"井盖已补齐",
                                                     "defaultUrgency":"URGENT","photoRequired":true,"active":true,
                                                     "timeLimits":{"URGENT":{"VERIFY":"2h","ACCEPT":"1h","DISPATCH":"1h","DEPARTMENT_ACCEPT":"1h","HANDLE":"1d","CHECK":"4h"}}}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The item as now stored")
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it), SECTION_UNKNOWN, CODE_OUTSIDE_SECTION (the code does not start with its section's), TIME_LIMIT_MISSING, TIME_LIMIT_UNREADABLE, UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the catalogue")
    public Uni<CategoryView> putItem(
            @PathParam("code")
                    @Pattern(
                            regexp = "[0-9A-Za-z]{3,12}",
                            message = "must be 3 to 12 letters or digits")
                    String code,
            @NotNull @Valid ItemRequest request) {
        return admin().chain(
                        admin ->
                                editor.putItem(
                                        code,
                                        new CatalogueEditor.ItemEdit(
                                                request.sectionCode(),
                                                request.name(),
                                                request.registerConditions(),
                                                request.closeConditions(),
                                                request.defaultUrgency(),
                                                request.photoRequired(),
                                                request.active() == null || request.active(),
                                                request.timeLimits()),
                                        admin))
                .chain(() -> category(code));
    }

    /** Days that differ from the weekly pattern, in order. */
    @GET
    @Path("/calendar")
    @Operation(
            summary = "The working calendar's exceptions",
            description =
                    "The holidays and make-up working days that deadlines are counted around.")
    @APIResponse(responseCode = "200", description = "The days")
    public Uni<List<CalendarDay>> calendar() {
        return Panache.withSession(
                () ->
                        Panache.getSession()
                                .chain(
                                        session ->
                                                session.createQuery(
                                                                "from CalendarDay order by day",
                                                                CalendarDay.class)
                                                        .getResultList()));
    }

    @PUT
    @Path("/calendar/{day}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Set a holiday or make-up day",
            description =
                    "An administrator marks a day as a holiday (working false) or a make-up working day (working true), with its name. Deadlines computed from now on count it.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "National Day",
                                            value =
                                                    """
                                                    {"working":false,"name":"国庆节"}
                                                    """)))
    @APIResponse(responseCode = "200", description = "The day as now stored")
    @APIResponse(
            responseCode = "400",
            description = "INVALID_INPUT (working or name missing), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the calendar")
    @APIResponse(
            responseCode = "404",
            description = "NOT_FOUND: the day is not a date like 2026-10-01")
    public Uni<CalendarDay> putDay(
            @PathParam("day") LocalDate day, @NotNull @Valid DayRequest request) {
        return admin().chain(admin -> editor.putDay(day, request.working(), request.name(), admin));
    }

    @DELETE
    @Path("/calendar/{day}")
    @Operation(
            summary = "Remove a holiday or make-up day",
            description = "The day counts as an ordinary weekday or weekend again.")
    @APIResponse(responseCode = "204", description = "Removed")
    @APIResponse(
            responseCode = "403",
            description = "ADMIN_ONLY: only an administrator edits the calendar")
    @APIResponse(
            responseCode = "404",
            description =
                    "DAY_NOT_FOUND (the calendar has no such day), NOT_FOUND (the day is not a date like 2026-10-01)")
    public Uni<Void> removeDay(@PathParam("day") LocalDate day) {
        return admin().chain(admin -> editor.removeDay(day, admin));
    }

    private static CategoryView view(Category c, List<CategoryTimeLimit> limits) {
        Map<Urgency, Map<Step, String>> byUrgency = new EnumMap<>(Urgency.class);
        limits.stream()
                .sorted(Comparator.comparing((CategoryTimeLimit l) -> l.step))
                .forEach(
                        l ->
                                byUrgency
                                        .computeIfAbsent(l.urgency, u -> new TreeMap<>())
                                        .put(l.step, l.limit().toString()));
        return new CategoryView(
                c.code,
                c.sectionCode,
                c.name,
                c.registerConditions,
                c.closeConditions,
                c.defaultUrgency,
                c.photoRequired,
                c.active,
                byUrgency);
    }
}
