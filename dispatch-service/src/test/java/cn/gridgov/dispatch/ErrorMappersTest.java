package cn.gridgov.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cn.gridgov.dispatch.rest.ErrorBody;
import cn.gridgov.dispatch.rest.ErrorMappers;
import org.hibernate.HibernateException;
import org.hibernate.StaleObjectStateException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class ErrorMappersTest {

    private final ErrorMappers mappers = new ErrorMappers();

    @Test
    @DisplayName("a lost race on a versioned row is a 409 telling the caller to read again")
    void staleStateIsConflict() {
        var response = mappers.concurrent(new HibernateException("flush failed",
                new StaleObjectStateException("RoutingDecision", "x")));
        assertThat(response.getStatus()).isEqualTo(409);
        assertThat(((ErrorBody) response.getEntity()).code()).isEqualTo("CONCURRENT_CHANGE");
    }

    @Test
    @DisplayName("any other persistence failure is not dressed up as a conflict")
    void otherFailuresPassThrough() {
        var failure = new HibernateException("connection refused");
        assertThatThrownBy(() -> mappers.concurrent(failure)).isSameAs(failure);
    }
}
