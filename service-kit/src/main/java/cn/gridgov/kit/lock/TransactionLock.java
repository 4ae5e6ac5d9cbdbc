package cn.gridgov.kit.lock;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;

/**
 * A named PostgreSQL advisory lock held until the caller's transaction ends. Replicas of a service
 * share one database: work that must not run twice at once (two instances seeding an empty database
 * at start, two edits of the routing rules) takes the lock first, so the second waits for the first
 * to commit and then sees its rows.
 */
public final class TransactionLock {

    private TransactionLock() {}

    /** Waits for the lock named so, in the current Panache transaction. */
    public static Uni<Void> take(String name) {
        return Panache.getSession()
                .chain(
                        session ->
                                session.createNativeQuery(
                                                "select 1 from pg_advisory_xact_lock(hashtext(:name))")
                                        .setParameter("name", name)
                                        .getSingleResult())
                .replaceWithVoid();
    }
}
