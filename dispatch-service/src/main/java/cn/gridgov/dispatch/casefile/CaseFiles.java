package cn.gridgov.dispatch.casefile;

import io.quarkus.hibernate.reactive.panache.PanacheRepositoryBase;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/** Keeps the case file up to date from case events; runs in the consumer's transaction. */
@ApplicationScoped
public class CaseFiles implements PanacheRepositoryBase<CaseFile, UUID> {

    private final Clock clock;

    public CaseFiles(Clock clock) {
        this.clock = clock;
    }

    /**
     * Applies a snapshot to the file we hold ({@code existing}, null for a case not seen before).
     * One case's events arrive in order on one partition, but an event older than what we hold (a
     * replay after a reset, say) must not roll the file back.
     */
    public Uni<CaseFile> record(CaseSnapshot snapshot, Instant eventTime, CaseFile existing) {
        if (existing != null && existing.lastEventAt != null && eventTime != null
                && eventTime.isBefore(existing.lastEventAt)) {
            return Uni.createFrom().item(existing);
        }
        var file = existing != null ? existing : new CaseFile();
        file.caseId = snapshot.caseId();
        file.apply(snapshot, eventTime, clock.instant());
        return existing != null ? Uni.createFrom().item(file) : persist(file);
    }
}
