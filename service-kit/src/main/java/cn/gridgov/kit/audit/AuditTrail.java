package cn.gridgov.kit.audit;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * A service's audit trail of what administrators change: who (the staff id from the token), when,
 * which thing (a kind the service declares in {@code gridgov.audit.kinds}, and its code), how, and
 * what it looked like before and after. An entry is written in the transaction of its change, so
 * there is no change without its entry and no entry for a change that was refused or rolled back.
 * Each service keeps the entries in its own table {@code audit_entry} (the same in every service).
 */
@ApplicationScoped
public class AuditTrail {

    public static final int MAX_LIMIT = 1000;

    /** One entry as the API answers it. */
    public record Entry(
            long id,
            Instant at,
            String actor,
            String kind,
            String code,
            String action,
            JsonNode before,
            JsonNode after) {}

    private static final String INSERT =
            """
            insert into audit_entry (actor, kind, code, action, before, after)
            values ($1, $2, $3, $4, nullif(cast(cast($5 as text) as jsonb), 'null'::jsonb),
                    nullif(cast(cast($6 as text) as jsonb), 'null'::jsonb))""";

    private final ObjectMapper json;
    private final Pool pool;
    private final Set<String> kinds;

    public AuditTrail(
            ObjectMapper json,
            Pool pool,
            @ConfigProperty(name = "gridgov.audit.kinds") Set<String> kinds) {
        this.json = json;
        this.pool = pool;
        this.kinds = Set.copyOf(kinds);
    }

    /**
     * Records a change in the current Hibernate Reactive transaction. {@code before} is null for a
     * creation, {@code after} for a removal. The JSON goes in as text and is cast: the reactive
     * driver would send a String bound to a jsonb parameter as a JSON string, not as the document
     * it holds.
     */
    public Uni<Void> record(
            String actor, String kind, String code, String action, Object before, Object after) {
        requireKind(kind);
        var beforeJson = asJson(before);
        var afterJson = asJson(after);
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                """
                        insert into audit_entry (actor, kind, code, action, before, after)
                        values (:actor, :kind, :code, :action, nullif(cast(cast(:before as text) as jsonb), 'null'::jsonb),
                                nullif(cast(cast(:after as text) as jsonb), 'null'::jsonb))""")
                                        .setParameter("actor", actor)
                                        .setParameter("kind", kind)
                                        .setParameter("code", code)
                                        .setParameter("action", action)
                                        .setParameter("before", beforeJson)
                                        .setParameter("after", afterJson)
                                        .executeUpdate())
                .replaceWithVoid();
    }

    /**
     * Records a change made with plain SQL, on the connection (and so in the transaction) that made
     * it.
     */
    public Uni<Void> record(
            SqlClient connection,
            String actor,
            String kind,
            String code,
            String action,
            Object before,
            Object after) {
        requireKind(kind);
        return connection
                .preparedQuery(INSERT)
                .execute(
                        Tuple.from(
                                new Object[] {
                                    actor, kind, code, action, asJson(before), asJson(after)
                                }))
                .replaceWithVoid();
    }

    /** Entries newest first; every filter is optional. */
    public Uni<List<Entry>> find(String kind, String code, Instant from, Instant to, int limit) {
        if (kind != null && !kinds.contains(kind)) {
            throw Problem.invalid(
                    "INVALID_INPUT",
                    "kind",
                    "kind must be one of " + kinds.stream().sorted().toList());
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.invalid(
                    "INVALID_INPUT", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        var params = Tuple.tuple();
        params.addString(kind);
        params.addString(code);
        params.addOffsetDateTime(from == null ? null : from.atOffset(ZoneOffset.UTC));
        params.addOffsetDateTime(to == null ? null : to.atOffset(ZoneOffset.UTC));
        params.addInteger(limit);
        return pool.preparedQuery(
                        """
                        select id, at, actor, kind, code, action, before::text, after::text from audit_entry
                        where ($1::text is null or kind = $1) and ($2::text is null or code = $2)
                          and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
                        order by at desc, id desc limit $5""")
                .execute(params)
                .map(
                        rows -> {
                            var entries = new ArrayList<Entry>();
                            for (var row : rows) {
                                entries.add(
                                        new Entry(
                                                row.getLong(0),
                                                row.getOffsetDateTime(1).toInstant(),
                                                row.getString(2),
                                                row.getString(3),
                                                row.getString(4),
                                                row.getString(5),
                                                tree(row.getString(6)),
                                                tree(row.getString(7))));
                            }
                            return entries;
                        });
    }

    private void requireKind(String kind) {
        if (!kinds.contains(kind)) {
            throw new IllegalArgumentException(
                    "audit kind " + kind + " is not declared in gridgov.audit.kinds " + kinds);
        }
    }

    private String asJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an audit entry cannot be written as JSON", e);
        }
    }

    private JsonNode tree(String value) {
        if (value == null) {
            return null;
        }
        try {
            return json.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("the audit table holds unreadable JSON", e);
        }
    }
}
