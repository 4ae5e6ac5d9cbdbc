package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.math.BigDecimal;

/**
 * case.extension-approved: the step's deadline moved (延时); the snapshot (new times) and the hours
 * granted.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ExtensionApproved(@JsonUnwrapped CaseSnapshot snapshot, BigDecimal extensionHours) {}
