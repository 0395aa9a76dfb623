/**
 * The hub's scheduler: Quartz on the hub's database (clustered, each trigger fired once across nodes) launching
 * Spring Batch jobs or routes by name, bank calendars as data, operator schedules and job operations.
 */
package org.jincai.scheduler;
