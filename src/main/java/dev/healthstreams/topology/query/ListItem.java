package dev.healthstreams.topology.query;

import com.fasterxml.jackson.databind.JsonNode;

/** One item of a list answer: its sort key (what a cursor points after) and its JSON. */
public record ListItem(String key, JsonNode value) {}
