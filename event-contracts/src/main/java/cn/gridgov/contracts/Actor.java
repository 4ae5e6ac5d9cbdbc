package cn.gridgov.contracts;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * Who acted, from the verified token: a staff id (null for the system), the post acted in, the
 * department acted for.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Actor(String staffId, String role, String departmentCode) {}
