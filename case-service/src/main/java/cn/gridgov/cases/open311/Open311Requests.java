package cn.gridgov.cases.open311;

import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a GeoReport client sent beyond the case (table {@code open311_request}, keyed by the
 * request's token, which is the case's report id): media_url, attribute values, and the reporter's
 * name and contact, kept to answer the reporter and read by nothing that answers publicly. A
 * request given by address alone waits here, its location pending, until a dispatcher places it;
 * "pending" means no case has its report id yet, so a placement that made the case is never pending
 * again.
 */
@ApplicationScoped
public class Open311Requests {

    /** A request as the client sent it. */
    public record Submitted(
            UUID reportId,
            UUID apiKeyId,
            String serviceCode,
            String description,
            String address,
            boolean locationPending,
            String mediaUrl,
            Map<String, Object> attributes,
            Contact contact,
            Instant requestedAt) {}

    /** The reporter's name and contact: for answering them, never shown publicly. */
    public record Contact(
            String firstName, String lastName, String email, String phone, String accountId) {}

    /** A request given by address alone, as the dispatcher who places it sees it (no contact). */
    public record Pending(
            UUID token,
            String serviceCode,
            String description,
            String address,
            String mediaUrl,
            Map<String, Object> attributes,
            Instant requestedAt) {}

    private static final String PENDING =
            "select r.report_id, r.service_code, r.description, r.address, r.media_url,"
                    + " r.attributes, r.requested_at from open311_request r where r.location_pending"
                    + " and not exists (select 1 from cases c where c.report_id = r.report_id)";

    private final Pool pool;

    public Open311Requests(Pool pool) {
        this.pool = pool;
    }

    /** A citizen's case is reported under the request's token; the name and contact stay here. */
    public static String reporterId(UUID token) {
        return "open311:" + token;
    }

    /** Keeps a request; a resent one (same token) keeps what was kept first. */
    public Uni<Void> keep(Submitted s) {
        var contact = s.contact();
        return pool.preparedQuery(
                        "insert into open311_request (report_id, api_key_id, service_code, description, address,"
                                + " location_pending, media_url, attributes, first_name, last_name, email, phone, account_id,"
                                + " requested_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)"
                                + " on conflict (report_id) do nothing")
                .execute(
                        Tuple.from(
                                new Object[] {
                                    s.reportId(),
                                    s.apiKeyId(),
                                    s.serviceCode(),
                                    s.description(),
                                    s.address(),
                                    s.locationPending(),
                                    s.mediaUrl(),
                                    new JsonObject(s.attributes()),
                                    contact.firstName(),
                                    contact.lastName(),
                                    contact.email(),
                                    contact.phone(),
                                    contact.accountId(),
                                    utc(s.requestedAt())
                                }))
                .replaceWithVoid();
    }

    /** The media_url of each of these requests that has one. */
    public Uni<Map<UUID, String>> mediaUrls(List<UUID> reportIds) {
        if (reportIds.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return pool.preparedQuery(
                        "select report_id, media_url from open311_request where report_id = any($1)"
                                + " and media_url is not null")
                .execute(Tuple.of(reportIds.toArray(UUID[]::new)))
                .map(
                        rows -> {
                            var urls = new HashMap<UUID, String>();
                            rows.forEach(row -> urls.put(row.getUUID(0), row.getString(1)));
                            return urls;
                        });
    }

    /** Address-only requests no dispatcher has placed yet, oldest first. */
    public Uni<List<Pending>> pending(int limit) {
        return pool.preparedQuery(PENDING + " order by r.requested_at limit $1")
                .execute(Tuple.of(limit))
                .map(
                        rows -> {
                            var pending = new ArrayList<Pending>();
                            rows.forEach(row -> pending.add(pending(row)));
                            return pending;
                        });
    }

    /** The address-only request with this token, while it waits to be placed. */
    public Uni<Optional<Pending>> pending(UUID token) {
        return pool.preparedQuery(PENDING + " and r.report_id = $1")
                .execute(Tuple.of(token))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.empty()
                                        : Optional.of(pending(rows.iterator().next())));
    }

    /** Records who placed an address-only request, once its case is made. */
    public Uni<Void> placed(UUID token, String by, Instant at) {
        return pool.preparedQuery(
                        "update open311_request set placed_by = $2, placed_at = $3 where report_id = $1")
                .execute(Tuple.of(token, by, utc(at)))
                .replaceWithVoid();
    }

    private static Pending pending(Row row) {
        var attributes = row.getJsonObject("attributes");
        return new Pending(
                row.getUUID("report_id"),
                row.getString("service_code"),
                row.getString("description"),
                row.getString("address"),
                row.getString("media_url"),
                attributes == null ? Map.of() : attributes.getMap(),
                row.getOffsetDateTime("requested_at").toInstant());
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
