package cn.gridgov.grid.audit;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit trail of the organisation: who (the staff id from the token) changed which area,
 * department, zone or person, when, how, and what it looked like before and after. An entry is
 * written in the transaction of its change, so there is no change without its entry and no entry
 * for a change that was refused or rolled back.
 */
@ApplicationScoped
public class AuditLog {

    public static final String AREA = "AREA";
    public static final String DEPARTMENT = "DEPARTMENT";
    public static final String ZONE = "ZONE";
    public static final String STAFF = "STAFF";

    public static final int MAX_LIMIT = 1000;

    /** One entry as the API answers it. */
    public record Entry(long id, Instant at, String actor, String kind, String code, String action, JsonNode before,
                        JsonNode after) {
    }

    private final ObjectMapper json;
    private final Pool pool;

    public AuditLog(ObjectMapper json, Pool pool) {
        this.json = json;
        this.pool = pool;
    }

    /**
     * Records a change in the current Hibernate Reactive transaction. {@code before} is null for a
     * creation. The JSON goes in as text and is cast: the reactive driver would send a String bound to
     * a jsonb parameter as a JSON string, not as the document it holds.
     */
    public Uni<Void> record(String actor, String kind, String code, String action, Object before, Object after) {
        var beforeJson = asJson(before);
        var afterJson = asJson(after);
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into audit_entry (actor, kind, code, action, before, after)
                        values (:actor, :kind, :code, :action, nullif(cast(cast(:before as text) as jsonb), 'null'::jsonb),
                                nullif(cast(cast(:after as text) as jsonb), 'null'::jsonb))""")
                .setParameter("actor", actor)
                .setParameter("kind", kind)
                .setParameter("code", code)
                .setParameter("action", action)
                .setParameter("before", beforeJson)
                .setParameter("after", afterJson)
                .executeUpdate()).replaceWithVoid();
    }

    /**
     * Records the areas of a GeoJSON import in its JDBC transaction, one entry per area, from the
     * staging table the importer fills ({@code import_area}): one statement however many areas.
     */
    public void recordImport(Connection connection, String actor) throws SQLException {
        try (var insert = connection.prepareStatement("""
                insert into audit_entry (actor, kind, code, action, after)
                select ?, 'AREA', code, 'IMPORT', jsonb_build_object('code', code, 'name', name, 'level', level,
                       'kind', kind, 'parentCode', parent_code, 'geometry', ST_AsGeoJSON(geom, 7)::jsonb)
                from import_area order by idx""")) {
            insert.setString(1, actor);
            insert.executeUpdate();
        }
    }

    /** Entries newest first; every filter is optional. */
    public Uni<List<Entry>> find(String kind, String code, Instant from, Instant to, int limit) {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw Problem.invalid("INVALID_INPUT", "limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        var params = Tuple.tuple();
        params.addString(kind);
        params.addString(code);
        params.addOffsetDateTime(from == null ? null : from.atOffset(ZoneOffset.UTC));
        params.addOffsetDateTime(to == null ? null : to.atOffset(ZoneOffset.UTC));
        params.addInteger(limit);
        return pool.preparedQuery("""
                        select id, at, actor, kind, code, action, before::text, after::text from audit_entry
                        where ($1::text is null or kind = $1) and ($2::text is null or code = $2)
                          and ($3::timestamptz is null or at >= $3) and ($4::timestamptz is null or at < $4)
                        order by at desc, id desc limit $5""")
                .execute(params)
                .map(rows -> {
                    var entries = new ArrayList<Entry>();
                    for (var row : rows) {
                        entries.add(new Entry(row.getLong(0), row.getOffsetDateTime(1).toInstant(), row.getString(2),
                                row.getString(3), row.getString(4), row.getString(5), tree(row.getString(6)),
                                tree(row.getString(7))));
                    }
                    return entries;
                });
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
