package cn.gridgov.contracts.dispatch;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** A department named in an event: its code and its name. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DepartmentRef(String code, String name) {}
