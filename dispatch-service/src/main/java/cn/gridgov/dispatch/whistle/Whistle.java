package cn.gridgov.dispatch.whistle;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A whistle blown on a case (吹哨). It stays OPEN until the case is closed: 事不完，人不走.
 *
 * <pre>
 *  OPEN ──(case.closed)──▶ CLOSED
 * </pre>
 */
@Entity
@Table(name = "whistle")
public class Whistle {

    public enum State {
        OPEN,
        CLOSED
    }

    @Id public UUID id;

    @Column(name = "case_id")
    public UUID caseId;

    @Enumerated(EnumType.STRING)
    public WhistleKind kind;

    @Column(name = "blown_by")
    public String blownBy;

    @Column(name = "blown_at")
    public Instant blownAt;

    @Column(name = "report_by")
    public Instant reportBy;

    @Enumerated(EnumType.STRING)
    public State state;

    @Column(name = "closed_at")
    public Instant closedAt;
}
