package cn.gridgov.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.UUID;

/** dispatch.whistle-closed: the whistle closed because its case is no longer open (事不完，人不走). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record WhistleClosed(UUID whistleId, UUID caseId) {}
