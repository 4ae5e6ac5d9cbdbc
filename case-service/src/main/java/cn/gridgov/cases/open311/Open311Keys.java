package cn.gridgov.cases.open311;

import cn.gridgov.kit.audit.AuditTrail;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The api keys of the Open311 client apps: created and revoked by an administrator, kept only as a
 * SHA-256 (the key is shown once, at creation), each request counted, each creation and revocation
 * in the audit trail (without the key) in its transaction. The demo town's {@code demo-key} exists
 * only where {@code gridgov.open311.demo-key} is set (the demo stack and the tests).
 */
@ApplicationScoped
public class Open311Keys {

    /** A key as an administrator sees it; the key itself only in the answer that created it. */
    public record KeyView(
            UUID id,
            String clientName,
            String keyPrefix,
            String key,
            String createdBy,
            Instant createdAt,
            String revokedBy,
            Instant revokedAt,
            long requests,
            Instant lastUsedAt) {}

    /** What the audit trail records changes of, here. */
    public static final String AUDIT_KIND = "OPEN311_KEY";

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS =
            "id, client_name, key_prefix, created_by, created_at, revoked_by, revoked_at, requests, last_used_at";

    private final Pool pool;
    private final Clock clock;
    private final Optional<String> demoKey;
    private final AuditTrail audit;

    public Open311Keys(
            Pool pool,
            Clock clock,
            @ConfigProperty(name = "gridgov.open311.demo-key") Optional<String> demoKey,
            AuditTrail audit) {
        this.pool = pool;
        this.audit = audit;
        this.clock = clock;
        this.demoKey = demoKey.filter(k -> !k.isBlank());
    }

    void demoKey(@Observes StartupEvent start) {
        demoKey.ifPresent(
                key ->
                        pool.preparedQuery(
                                        "INSERT INTO open311_api_keys (id, client_name, key_hash, key_prefix, created_by,"
                                                + " created_at) VALUES ($1, 'demo', $2, $3, 'demo', $4) ON CONFLICT (key_hash) DO NOTHING")
                                .execute(Tuple.of(UUID.randomUUID(), hash(key), prefix(key), now()))
                                .await()
                                .indefinitely());
    }

    public Uni<KeyView> create(String clientName, String by) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var id = UUID.randomUUID();
        return pool.withTransaction(
                        connection ->
                                connection
                                        .preparedQuery(
                                                "INSERT INTO open311_api_keys (id, client_name,"
                                                        + " key_hash, key_prefix, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING "
                                                        + COLUMNS)
                                        .execute(
                                                Tuple.of(
                                                        id,
                                                        clientName,
                                                        hash(key),
                                                        prefix(key),
                                                        by,
                                                        now()))
                                        .map(rows -> view(rows.iterator().next(), null))
                                        .call(
                                                created ->
                                                        audit.record(
                                                                connection,
                                                                by,
                                                                AUDIT_KIND,
                                                                id.toString(),
                                                                "CREATE",
                                                                null,
                                                                created)))
                .map(created -> withKey(created, key));
    }

    public Uni<List<KeyView>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM open311_api_keys ORDER BY created_at DESC")
                .execute()
                .map(
                        rows -> {
                            var views = new java.util.ArrayList<KeyView>();
                            rows.forEach(row -> views.add(view(row, null)));
                            return views;
                        });
    }

    /** Revokes a key; revoking it again changes nothing. Empty when there is no such key. */
    public Uni<Optional<KeyView>> revoke(UUID id, String by) {
        return pool.withTransaction(
                connection ->
                        connection
                                .preparedQuery(
                                        "SELECT "
                                                + COLUMNS
                                                + " FROM open311_api_keys WHERE id = $1 FOR UPDATE")
                                .execute(Tuple.of(id))
                                .chain(
                                        found -> {
                                            if (found.size() == 0) {
                                                return Uni.createFrom()
                                                        .item(Optional.<KeyView>empty());
                                            }
                                            var before = view(found.iterator().next(), null);
                                            if (before.revokedAt() != null) {
                                                return Uni.createFrom().item(Optional.of(before));
                                            }
                                            return connection
                                                    .preparedQuery(
                                                            "UPDATE open311_api_keys SET revoked_by = $2, revoked_at = $3"
                                                                    + " WHERE id = $1 RETURNING "
                                                                    + COLUMNS)
                                                    .execute(Tuple.of(id, by, now()))
                                                    .map(rows -> view(rows.iterator().next(), null))
                                                    .call(
                                                            after ->
                                                                    audit.record(
                                                                            connection,
                                                                            by,
                                                                            AUDIT_KIND,
                                                                            id.toString(),
                                                                            "REVOKE",
                                                                            before,
                                                                            after))
                                                    .map(Optional::of);
                                        }));
    }

    /** The client app a live key belongs to; each of its requests is counted. */
    public record Client(UUID keyId, String clientName) {}

    /**
     * The client whose live key this is, its request counted; empty for a missing, unknown or
     * revoked key.
     */
    public Uni<Optional<Client>> use(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Uni.createFrom().item(Optional.empty());
        }
        return pool.preparedQuery(
                        "UPDATE open311_api_keys SET requests = requests + 1, last_used_at = $2"
                                + " WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id, client_name")
                .execute(Tuple.of(hash(key), now()))
                .map(
                        rows ->
                                rows.size() == 0
                                        ? Optional.<Client>empty()
                                        : Optional.of(
                                                new Client(
                                                        rows.iterator().next().getUUID("id"),
                                                        rows.iterator()
                                                                .next()
                                                                .getString("client_name"))));
    }

    private static KeyView withKey(KeyView v, String key) {
        return new KeyView(
                v.id(),
                v.clientName(),
                v.keyPrefix(),
                key,
                v.createdBy(),
                v.createdAt(),
                v.revokedBy(),
                v.revokedAt(),
                v.requests(),
                v.lastUsedAt());
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(9, key.length()));
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyView view(Row row, String key) {
        return new KeyView(
                row.getUUID("id"),
                row.getString("client_name"),
                row.getString("key_prefix"),
                key,
                row.getString("created_by"),
                instant(row, "created_at"),
                row.getString("revoked_by"),
                instant(row, "revoked_at"),
                row.getLong("requests"),
                instant(row, "last_used_at"));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
