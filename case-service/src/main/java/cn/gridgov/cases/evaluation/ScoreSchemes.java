package cn.gridgov.cases.evaluation;

import cn.gridgov.kit.problem.Problem;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The versions of the score schemes (table {@code score_schemes}, V16): added, never changed. */
@ApplicationScoped
public class ScoreSchemes {

    private static final String COLUMNS =
            "version, subject, weights::text, bands::text, made_by, made_at";

    private final Pool pool;
    private final ObjectMapper json;

    public ScoreSchemes(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    public Uni<List<ScoreScheme>> all() {
        return pool.query("select " + COLUMNS + " from score_schemes order by version")
                .execute()
                .map(
                        rows -> {
                            var schemes = new ArrayList<ScoreScheme>();
                            rows.forEach(row -> schemes.add(scheme(row)));
                            return schemes;
                        });
    }

    /**
     * The scheme a report of this subject is made with: the version asked for (404 when there is no
     * such version, 400 when it is another subject's), or the subject's latest.
     */
    public Uni<ScoreScheme> forReport(String subject, Integer version) {
        var query =
                version == null
                        ? pool.preparedQuery(
                                        "select "
                                                + COLUMNS
                                                + " from score_schemes where subject = $1 order by version desc limit 1")
                                .execute(Tuple.of(subject))
                        : pool.preparedQuery(
                                        "select "
                                                + COLUMNS
                                                + " from score_schemes where version = $1")
                                .execute(Tuple.of(version));
        return query.map(
                rows -> {
                    if (!rows.iterator().hasNext()) {
                        throw new Problem(
                                Problem.Kind.NOT_FOUND,
                                "UNKNOWN_SCHEME_VERSION",
                                "scheme",
                                "no score scheme version " + version);
                    }
                    var scheme = scheme(rows.iterator().next());
                    if (!scheme.subject().equals(subject)) {
                        throw new Problem(
                                Problem.Kind.INVALID,
                                "SCHEME_FOR_ANOTHER_SUBJECT",
                                "scheme",
                                "version "
                                        + version
                                        + " scores "
                                        + scheme.subject()
                                        + ", not "
                                        + subject);
                    }
                    return scheme;
                });
    }

    /** A new version, checked first ({@link ScoreScheme#validate}). */
    public Uni<ScoreScheme> add(
            String subject,
            Map<String, Integer> weights,
            List<ScoreScheme.Band> bands,
            String madeBy) {
        ScoreScheme.validate(subject, weights, bands);
        try {
            return pool.preparedQuery(
                            "insert into score_schemes (subject, weights, bands, made_by)"
                                    + " values ($1, $2::text::jsonb, $3::text::jsonb, $4) returning "
                                    + COLUMNS)
                    .execute(
                            Tuple.of(
                                    subject,
                                    json.writeValueAsString(weights),
                                    json.writeValueAsString(bands),
                                    madeBy))
                    .map(rows -> scheme(rows.iterator().next()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private ScoreScheme scheme(Row row) {
        try {
            Map<String, Integer> weights =
                    json.readValue(
                            row.getString(2),
                            new TypeReference<LinkedHashMap<String, Integer>>() {});
            List<ScoreScheme.Band> bands =
                    json.readValue(
                            row.getString(3), new TypeReference<List<ScoreScheme.Band>>() {});
            return new ScoreScheme(
                    row.getInteger(0),
                    row.getString(1),
                    weights,
                    bands,
                    row.getString(4),
                    row.getOffsetDateTime(5).toInstant());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
