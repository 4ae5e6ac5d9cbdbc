package cn.gridgov.bench.flowable;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.concurrent.atomic.LongAdder;
import javax.sql.DataSource;

/**
 * Counts the SQL statements the engine sends, at the JDBC boundary: every execute call, and every
 * statement of a batch. PostgreSQL's own count (pg_stat_statements) needs the library preloaded
 * into the server, which a shared server cannot be restarted for.
 */
final class StatementCounter {

    private final LongAdder statements = new LongAdder();

    long statements() {
        return statements.sum();
    }

    DataSource watch(DataSource dataSource) {
        return proxy(
                DataSource.class,
                dataSource,
                (target, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Connection connection ? watch(connection) : result;
                });
    }

    private Connection watch(Connection connection) {
        return proxy(
                Connection.class,
                connection,
                (target, method, args) -> {
                    Object result = invoke(target, method, args);
                    return result instanceof Statement statement
                            ? watch(statement, method.getReturnType())
                            : result;
                });
    }

    private Object watch(Statement statement, Class<?> type) {
        return proxy(
                type,
                statement,
                (target, method, args) -> {
                    Object result = invoke(target, method, args);
                    if (method.getName().equals("executeBatch")) {
                        statements.add(((int[]) result).length);
                    } else if (method.getName().startsWith("execute")) {
                        statements.increment();
                    }
                    return result;
                });
    }

    private interface Call {
        Object on(Object target, Method method, Object[] args) throws Throwable;
    }

    private static <T> T proxy(Class<T> type, Object target, Call call) {
        InvocationHandler handler = (proxy, method, args) -> call.on(target, method, args);
        return type.cast(
                Proxy.newProxyInstance(
                        StatementCounter.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
