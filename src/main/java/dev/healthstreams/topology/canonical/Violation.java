package dev.healthstreams.topology.canonical;

/** One failed validation rule: its code, the field, and a message that quotes no value. */
public record Violation(String code, String field, String message) {}
