/**
 * The hub's read side for people: paged, filtered lists of vouchers, payments (with one payment's whole
 * timeline), batches, bank files (with their bytes), bank answers, statement lines, alerts, approvals, exceptions,
 * job runs and schedules, each inside the reader's data scope — the same services behind the REST API and the
 * console.
 */
package org.jincai.server.query;
