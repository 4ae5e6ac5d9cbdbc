package cn.gridgov.cases.rest;

import static cn.gridgov.cases.rest.CommandRequest.required;

import cn.gridgov.cases.casefile.Case;
import cn.gridgov.cases.photo.PhotoStore;
import cn.gridgov.cases.workflow.ApprovalRequest;
import cn.gridgov.cases.workflow.Callers;
import cn.gridgov.cases.workflow.CaseChanges.Details;
import cn.gridgov.cases.workflow.CaseCommands;
import cn.gridgov.cases.workflow.CasePolicy.Who;
import cn.gridgov.kit.ids.Ids;
import cn.gridgov.kit.openapi.ApiTags;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.LocalDate;
import java.util.UUID;
import java.util.function.BiFunction;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The steps of the loop as commands on a case: {@code POST /api/v1/cases/{number or id}/<command>}.
 * The caller is the token's; {@link cn.gridgov.cases.workflow.CasePolicy} decides what they may do.
 */
@Authenticated
@Path("/api/v1/cases/{ref}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CaseCommandResource {

    private final CaseCommands commands;
    private final PhotoStore photos;
    private final Callers callers;
    private final Clock clock;

    public CaseCommandResource(
            CaseCommands commands, PhotoStore photos, Callers callers, Clock clock) {
        this.commands = commands;
        this.callers = callers;
        this.photos = photos;
        this.clock = clock;
    }

    @POST
    @Path("/verify")
    @Tag(name = ApiTags.VERIFY)
    @Operation(
            summary = "Verify a case on the spot",
            description =
                    "Step 2 信息核实: a grid worker or grid chief of one of the case's grids confirms that the problem is real, with a note and photos. A resend with the same commandId is not applied twice.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "seen on site",
                                            value =
                                                    """
                                                    {"commandId":"3c1f0e2a-7d4b-4e8a-9b6c-1a2b3c4d5e6f","note":"现场核实属实","photoIds":[]}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "NOT_YOUR_GRID (not a post in one of the case's grids), ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> verify(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.verify(ref, who, details));
    }

    @POST
    @Path("/reject")
    @Tag(name = ApiTags.VERIFY)
    @Operation(
            summary = "Find a case invalid",
            description =
                    "Step 2 信息核实: the grid worker, grid chief or duty chief finds the report invalid (not a problem, not here); the case ends as INVALID with the reason.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "not a problem",
                                            value =
                                                    """
                                                    {"note":"现场无此问题"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, NOTE_REQUIRED (a reason is needed)")
    @APIResponse(responseCode = "403", description = "NOT_YOUR_GRID, ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> reject(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.reject(ref, who, details));
    }

    @POST
    @Path("/merge")
    @Tag(name = ApiTags.VERIFY)
    @Operation(
            summary = "Merge a case into the one it repeats",
            description =
                    "Step 2 信息核实: the report repeats an open case (intoCase, its number or id); it ends as MERGED and its reporter follows that case.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a repeat of 2026-000001",
                                            value =
                                                    """
                                                    {"intoCase":"2026-000001","note":"同一井盖"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, MERGE_INTO_ITSELF")
    @APIResponse(responseCode = "403", description = "NOT_YOUR_GRID, ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment; MERGE_TARGET_NOT_OPEN: the case it repeats is closed")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> merge(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var into =
                required(
                        request.intoCase(),
                        "intoCase",
                        "the number or id of the case this one repeats");
        return run(request, (who, details) -> commands.merge(ref, into, who, details));
    }

    @POST
    @Path("/accept")
    @Tag(name = ApiTags.ACCEPT)
    @Operation(
            summary = "Accept a case",
            description =
                    "Step 3 确认受理: the duty chief or a dispatcher registers a verified case, setting its urgency and whether it concerns a legal or a natural person (which decides between district and street departments). Routing starts here (dispatch-service).")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "urgent",
                                            value =
                                                    """
                                                    {"urgency":"URGENT","subjectType":"LEGAL_PERSON","note":"主干道，优先处理"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description = "ROLE_NOT_ALLOWED: only a duty chief or dispatcher accepts")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> accept(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(
                request,
                (who, details) ->
                        commands.accept(
                                ref, request.urgency(), request.subjectType(), who, details));
    }

    @POST
    @Path("/result")
    @Tag(name = ApiTags.FEEDBACK)
    @Operation(
            summary = "Report the result",
            description =
                    "Step 6 结果反馈: the handler (the lead department's staff, or the grid chief when it is handled in the grid) reports what was done, with photos; the case goes to the grid worker's check.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "fixed",
                                            value =
                                                    """
                                                    {"note":"已更换井盖","photoIds":["6f1c2b3a-4d5e-4f60-8a71-9b8c7d6e5f40"]}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(
            responseCode = "403",
            description =
                    "NOT_THE_HANDLER: only the case's handler reports its result; ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> result(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.submitResult(ref, who, details));
    }

    @POST
    @Path("/check")
    @Tag(name = ApiTags.CHECK)
    @Operation(
            summary = "Check the result on the spot",
            description =
                    "Step 7 核查结案: a grid worker or grid chief of the case's grid checks the result: passed closes the case, not passed sends it back to be reworked.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "passed",
                                            value =
                                                    """
                                                    {"passed":true,"note":"已修复，核查通过"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(responseCode = "403", description = "NOT_YOUR_GRID, ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> check(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var passed =
                required(
                        request.passed(),
                        "passed",
                        "true closes the case, false sends it back to rework");
        return run(request, (who, details) -> commands.check(ref, passed, who, details));
    }

    @POST
    @Path("/extension-requests")
    @Tag(name = ApiTags.SUPERVISE)
    @Operation(
            summary = "Ask for more time",
            description =
                    "Step 5 跟踪督办: the handler asks for hours more on the current step; the duty chief decides. The deadline moves only when approved.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "a day more",
                                            value =
                                                    """
                                                    {"hours":8,"note":"需等待配件"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The request, waiting for its decision",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"9d2e…","caseId":"0f8e…","kind":"EXTENSION","hours":8.0,"reviewOn":null,"reason":"需等待配件","requestedBy":"ZHZF-1","decision":null}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, EXTENSION_HOURS (hours missing or out of range)")
    @APIResponse(responseCode = "403", description = "NOT_THE_HANDLER, ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment; REQUEST_PENDING: a request waits for its decision")
    public Uni<ApprovalView> requestExtension(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return callers.who()
                .chain(
                        who ->
                                commands.requestApproval(
                                        ref,
                                        ApprovalRequest.Kind.EXTENSION,
                                        request.hours(),
                                        null,
                                        who,
                                        request.details()))
                .map(ApprovalView::of);
    }

    @POST
    @Path("/parking-requests")
    @Tag(name = ApiTags.SUPERVISE)
    @Operation(
            summary = "Ask to park a case",
            description =
                    "Step 5 跟踪督办: the handler asks to park (挂账) a case that cannot be solved now until reviewOn; the duty chief decides; the clock stops while parked.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "until spring",
                                            value =
                                                    """
                                                    {"reviewOn":"2027-03-01","note":"冬季无法施工"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The request, waiting for its decision",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"9d2e…","caseId":"0f8e…","kind":"PARKING","hours":null,"reviewOn":"2027-03-01","reason":"冬季无法施工","requestedBy":"ZHZF-1","decision":null}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, REVIEW_DATE (reviewOn missing or not in the future)")
    @APIResponse(responseCode = "403", description = "NOT_THE_HANDLER, ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment; REQUEST_PENDING: a request waits for its decision")
    public Uni<ApprovalView> requestParking(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return callers.who()
                .chain(
                        who ->
                                commands.requestApproval(
                                        ref,
                                        ApprovalRequest.Kind.PARKING,
                                        null,
                                        request.reviewOn(),
                                        who,
                                        request.details()))
                .map(ApprovalView::of);
    }

    @POST
    @Path("/approval-requests/{requestId}/decision")
    @Tag(name = ApiTags.SUPERVISE)
    @Operation(
            summary = "Decide a request for time or parking",
            description =
                    "Step 5 跟踪督办: the duty chief approves or refuses a request for more time or for parking; an approved extension moves the deadline, an approved parking stops the clock until the review date.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "approved",
                                            value =
                                                    """
                                                    {"approved":true,"note":"同意延期"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, MALFORMED_ID (requestId not a UUID)")
    @APIResponse(responseCode = "403", description = "ROLE_NOT_ALLOWED: only a duty chief decides")
    @APIResponse(
            responseCode = "404",
            description =
                    "CASE_NOT_FOUND, REQUEST_NOT_FOUND: no such case, or no such request on it")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment; REQUEST_DECIDED: it was decided before; REVIEW_DATE_PASSED")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> decide(
            @PathParam("ref") String ref,
            @PathParam("requestId") String requestId,
            @NotNull @Valid CommandRequest request) {
        var approved =
                required(
                        request.approved(),
                        "approved",
                        "true approves the request, false refuses it");
        return run(
                request,
                (who, details) ->
                        commands.decide(
                                ref, Ids.uuid("requestId", requestId), approved, who, details));
    }

    @POST
    @Path("/urges")
    @Tag(name = ApiTags.SUPERVISE)
    @Operation(
            summary = "Urge the handler",
            description =
                    "Step 5 跟踪督办: a supervisor or the command center urges (督办) the handler of an open case; the urge is on the timeline and counted in the evaluation.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "please hurry",
                                            value =
                                                    """
                                                    {"note":"请尽快处理"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(responseCode = "403", description = "ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> urge(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.urge(ref, who, details));
    }

    @POST
    @Path("/resume")
    @Tag(name = ApiTags.SUPERVISE)
    @Operation(
            summary = "Resume a parked case",
            description =
                    "Step 5 跟踪督办: the duty chief takes a parked case up again before its review date; its clock runs again.")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "the weather allows",
                                            value =
                                                    """
                                                    {"note":"天气转好，恢复办理"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY")
    @APIResponse(responseCode = "403", description = "ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> resume(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        return run(request, (who, details) -> commands.resume(ref, who, details));
    }

    @POST
    @Path("/evaluation")
    @Tag(name = ApiTags.EVALUATE)
    @Operation(
            summary = "Record the reporter's satisfaction",
            description =
                    "Step 8 考核评价: the satisfaction (1 very unhappy to 5 very satisfied) of the reporter with a closed case, recorded by the command center after the return visit (回访).")
    @RequestBody(
            content =
                    @Content(
                            examples =
                                    @ExampleObject(
                                            name = "satisfied",
                                            value =
                                                    """
                                                    {"satisfaction":5,"note":"回访满意"}
                                                    """)))
    @APIResponse(
            responseCode = "200",
            description = "The case after the command",
            content =
                    @Content(
                            mediaType = "application/json",
                            examples =
                                    @ExampleObject(
                                            name = "example",
                                            value =
                                                    """
                                                    {"id":"0f8e2a64-5b1d-4c3e-9f7a-2d6b8c1e4a90","number":"2026-000001","reportId":"8a1e6c2e-3b9f-4c1e-9a57-0d7d3f1b2c11","status":"ACCEPTED","open":true,
                                                     "phase":"DISPATCH","source":"GRID_WORKER","category":"0101","description":"井盖缺失","longitude":119.165,"latitude":35.004,"address":null,
                                                     "gridCode":"G07","dedicatedGridCodes":[],"urgency":"URGENT","subjectType":null,"clock":{"stepDueAt":"2026-12-07T10:00:00Z","colour":"GREEN"},
                                                     "handlerKind":null,"routing":null,"mergedInto":null,"record":null,"satisfaction":null,"reportedAt":"2026-12-07T08:00:00Z","updatedAt":"2026-12-07T08:05:00Z"}
                                                    """)))
    @APIResponse(
            responseCode = "400",
            description =
                    "INVALID_INPUT (the field names it: note over 2,000 characters, more than 9 photos), MALFORMED_CASE_REF (ref is neither a case number nor an id), FIELD_REQUIRED (a field this command needs), UNREADABLE_BODY, SATISFACTION_RANGE")
    @APIResponse(responseCode = "403", description = "ROLE_NOT_ALLOWED")
    @APIResponse(
            responseCode = "404",
            description = "CASE_NOT_FOUND: no case has this number or id")
    @APIResponse(
            responseCode = "409",
            description =
                    "WRONG_STEP: the case is not at this command's step; CONCURRENT_CHANGE: someone changed the case at the same moment")
    @APIResponse(
            responseCode = "422",
            description = "UNKNOWN_PHOTO: a photo named in photoIds was never uploaded")
    public Uni<CaseView> evaluate(
            @PathParam("ref") String ref, @NotNull @Valid CommandRequest request) {
        var satisfaction =
                required(
                        request.satisfaction(),
                        "satisfaction",
                        "1 (very unhappy) to 5 (very satisfied)");
        return run(request, (who, details) -> commands.evaluate(ref, satisfaction, who, details));
    }

    /** Photos named by a command must exist before the command runs. */
    private Uni<CaseView> run(CommandRequest request, BiFunction<Who, Details, Uni<Case>> command) {
        var details = request.details();
        return callers.who()
                .call(() -> Panache.withSession(() -> photos.requireAll(details.photoIds())))
                .chain(who -> command.apply(who, details))
                .map(c -> CaseView.of(c, clock.instant()));
    }

    /** A request for more time or for parking, as recorded. */
    public record ApprovalView(
            UUID id,
            UUID caseId,
            ApprovalRequest.Kind kind,
            Double hours,
            LocalDate reviewOn,
            String reason,
            String requestedBy,
            String decision) {
        static ApprovalView of(ApprovalRequest r) {
            return new ApprovalView(
                    r.id,
                    r.caseId,
                    r.kind,
                    r.hours == null ? null : r.hours.doubleValue(),
                    r.reviewOn,
                    r.reason,
                    r.requestedBy,
                    r.decision == null ? null : r.decision.name());
        }
    }
}
