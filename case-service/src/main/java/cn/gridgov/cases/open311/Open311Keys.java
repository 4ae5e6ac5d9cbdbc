package cn.gridgov.cases.open311;

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
 * SHA-256 (the key is shown once, at creation), each request counted. The demo town's {@code
 * demo-key} exists only where {@code gridgov.open311.demo-key} is set (the demo stack and the tests).
 */
@ApplicationScoped
public class Open311Keys {

    /** A key as an administrator sees it; the key itself only in the answer that created it. */
    public record KeyView(UUID id, String clientName, String keyPrefix, String key, String createdBy, Instant createdAt,
                          String revokedBy, Instant revokedAt, long requests, Instant lastUsedAt) {
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String COLUMNS = "id, client_name, key_prefix, created_by, created_at, revoked_by, revoked_at, requests, last_used_at";

    private final Pool pool;
    private final Clock clock;
    private final Optional<String> demoKey;

    public Open311Keys(Pool pool, Clock clock, @ConfigProperty(name = "gridgov.open311.demo-key") Optional<String> demoKey) {
        this.pool = pool;
        this.clock = clock;
        this.demoKey = demoKey.filter(k -> !k.isBlank());
    }

    void demoKey(@Observes StartupEvent start) {
        demoKey.ifPresent(key -> pool.preparedQuery("INSERT INTO open311_api_keys (id, client_name, key_hash, key_prefix, created_by,"
                        + " created_at) VALUES ($1, 'demo', $2, $3, 'demo', $4) ON CONFLICT (key_hash) DO NOTHING")
                .execute(Tuple.of(UUID.randomUUID(), hash(key), prefix(key), now()))
                .await().indefinitely());
    }

    public Uni<KeyView> create(String clientName, String by) {
        var bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        var key = "o311_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        var id = UUID.randomUUID();
        return pool.preparedQuery("INSERT INTO open311_api_keys (id, client_name, key_hash, key_prefix, created_by, created_at)"
                        + " VALUES ($1, $2, $3, $4, $5, $6) RETURNING " + COLUMNS)
                .execute(Tuple.of(id, clientName, hash(key), prefix(key), by, now()))
                .map(rows -> view(rows.iterator().next(), key));
    }

    public Uni<List<KeyView>> list() {
        return pool.query("SELECT " + COLUMNS + " FROM open311_api_keys ORDER BY created_at DESC").execute()
                .map(rows -> {
                    var views = new java.util.ArrayList<KeyView>();
                    rows.forEach(row -> views.add(view(row, null)));
                    return views;
                });
    }

    /** Revokes a key; revoking it again changes nothing. Empty when there is no such key. */
    public Uni<Optional<KeyView>> revoke(UUID id, String by) {
        return pool.preparedQuery("UPDATE open311_api_keys SET revoked_by = COALESCE(revoked_by, $2),"
                        + " revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 RETURNING " + COLUMNS)
                .execute(Tuple.of(id, by, now()))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(view(rows.iterator().next(), null)));
    }

    /** Whether the key is a live one; a live key's request is counted. */
    public Uni<Boolean> use(String key) {
        if (key == null || key.isBlank() || key.length() > 200) {
            return Uni.createFrom().item(false);
        }
        return pool.preparedQuery("UPDATE open311_api_keys SET requests = requests + 1, last_used_at = $2"
                        + " WHERE key_hash = $1 AND revoked_at IS NULL RETURNING id")
                .execute(Tuple.of(hash(key), now()))
                .map(rows -> rows.size() > 0);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
    }

    private static String prefix(String key) {
        return key.substring(0, Math.min(9, key.length()));
    }

    private static byte[] hash(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyView view(Row row, String key) {
        return new KeyView(row.getUUID("id"), row.getString("client_name"), row.getString("key_prefix"), key,
                row.getString("created_by"), instant(row, "created_at"), row.getString("revoked_by"), instant(row, "revoked_at"),
                row.getLong("requests"), instant(row, "last_used_at"));
    }

    private static Instant instant(Row row, String column) {
        var value = row.getOffsetDateTime(column);
        return value == null ? null : value.toInstant();
    }
}
