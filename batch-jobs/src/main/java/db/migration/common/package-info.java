/**
 * Flyway's Java migrations of the hub's shared location ({@code db/migration/common}): schemas that a
 * library ships as scripts per database, run from the library's own jar.
 */
package db.migration.common;
