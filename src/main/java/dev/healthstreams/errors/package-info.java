/**
 * Errors every layer shares (FHIR readers, serdes, topologies, the dead-letter router), free of
 * Kafka types so that pure FHIR and domain code can throw them. Depends on nothing in the app.
 */
package dev.healthstreams.errors;
