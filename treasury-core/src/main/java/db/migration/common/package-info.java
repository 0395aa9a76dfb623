/** Flyway migrations that SQL common to H2, PostgreSQL and Oracle cannot express, found beside the SQL ones. */
package db.migration.common;
