/**
 * The audit trail (操作留痕): every state change and user action appended in the transaction that makes it,
 * hash-chained so that {@link org.jincai.core.audit.AuditVerifier} finds the first record altered, removed
 * or inserted; the database refuses updates and deletes of its records.
 */
package org.jincai.core.audit;
