package cn.gridgov.cases.workflow;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One reporter of a case, by the report they sent; merging moves them to the case it joins. */
@Entity
@Table(name = "case_reporter")
public class CaseReporter {

    @Id
    @Column(name = "report_id")
    public UUID reportId;

    @Column(name = "case_id")
    public UUID caseId;

    public String source;

    @Column(name = "reporter_id")
    public String reporterId;

    @Column(name = "added_at")
    public Instant addedAt;
}
