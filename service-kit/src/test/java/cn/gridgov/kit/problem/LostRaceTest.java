package cn.gridgov.kit.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.persistence.PersistenceException;
import java.sql.SQLException;
import org.hibernate.HibernateException;
import org.hibernate.StaleObjectStateException;
import org.hibernate.exception.ConstraintViolationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class LostRaceTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    @DisplayName(
            "a lost race on a versioned row, wrapped, is a 409 telling the caller to read again")
    void staleStateIsConflict() {
        var response =
                mappers.wrapped(
                        new HibernateException(
                                "flush failed",
                                new StaleObjectStateException("RoutingDecision", "x")));
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo("CONCURRENT_CHANGE");
    }

    @Test
    @DisplayName(
            "the same new row inserted twice, converted to a PersistenceException, is a 409 too")
    void duplicateKeyIsConflict() {
        var duplicate =
                new ConstraintViolationException(
                        "could not execute statement",
                        new SQLException("duplicate key value violates unique constraint", "23505"),
                        "whistle_pkey");
        var response = mappers.wrapped(new PersistenceException("Converting to JPA", duplicate));
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo("CONCURRENT_CHANGE");
    }

    @Test
    @DisplayName("any other persistence failure is not dressed up as a conflict")
    void otherFailuresPassThrough() {
        var failure = new HibernateException("connection refused");
        assertThatThrownBy(() -> mappers.wrapped(failure)).isSameAs(failure);
        var notNull =
                new PersistenceException(
                        "Converting to JPA",
                        new ConstraintViolationException(
                                "could not execute statement",
                                new SQLException("null value in column", "23502"),
                                "case_id"));
        assertThatThrownBy(() -> mappers.wrapped(notNull)).isSameAs(notNull);
    }
}
