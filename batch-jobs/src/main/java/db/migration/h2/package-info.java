/**
 * Flyway's Java migrations of H2's own location ({@code db/migration/h2}): changes that need what H2 named by itself,
 * looked up in its information schema.
 */
package db.migration.h2;
