package cn.gridgov.kit.problem;

/**
 * Every 4xx answer: a stable code for programs, a message for people, and the field at fault if
 * any.
 */
public record ErrorBody(String code, String message, String field) {}
