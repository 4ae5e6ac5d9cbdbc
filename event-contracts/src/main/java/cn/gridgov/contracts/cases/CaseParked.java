package cn.gridgov.contracts.cases;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.LocalDate;

/**
 * case.parked: handling suspended with approval (挂账) until a review day; the snapshot (step REVIEW,
 * due on the morning of that day) and the day.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CaseParked(@JsonUnwrapped CaseSnapshot snapshot, LocalDate reviewOn) {}
