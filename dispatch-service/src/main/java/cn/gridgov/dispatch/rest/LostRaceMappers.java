package cn.gridgov.dispatch.rest;

import cn.gridgov.kit.problem.ErrorMappers;
import jakarta.ws.rs.core.Response;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Two requests changed the same decision at once (its version moved, or the same new row was
 * inserted twice): the loser gets the kit's 409 {@code CONCURRENT_CHANGE}, never a 500.
 *
 * <p>The kit's {@link ErrorMappers} answers so when the stale-state, optimistic-lock or
 * constraint-violation exception itself reaches the REST layer. Hibernate Reactive often delivers
 * it wrapped instead (converted to a {@code PersistenceException}, or a {@code HibernateException}
 * around a completion failure), and the kit does not look inside; this does, and rethrows anything
 * that is not a lost race.
 */
public class LostRaceMappers {

    private static final String UNIQUE_VIOLATION = "23505";

    private final ErrorMappers kit = new ErrorMappers();

    @ServerExceptionMapper
    public Response wrapped(org.hibernate.HibernateException e) {
        return lostRaceOrRethrow(e);
    }

    @ServerExceptionMapper
    public Response wrapped(jakarta.persistence.PersistenceException e) {
        return lostRaceOrRethrow(e);
    }

    Response lostRaceOrRethrow(RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof org.hibernate.StaleStateException
                    || cause instanceof jakarta.persistence.OptimisticLockException
                    || cause instanceof org.hibernate.exception.ConstraintViolationException violation
                    && UNIQUE_VIOLATION.equals(violation.getSQLState())
                    || cause instanceof io.vertx.pgclient.PgException pg && UNIQUE_VIOLATION.equals(pg.getSqlState())) {
                return kit.concurrentChange(e);
            }
        }
        throw e;
    }
}
