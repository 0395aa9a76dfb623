/**
 * The REST API (/api/v1): voucher submission, releases, receipts, statements, the audit trail, and the fiscal
 * controls — budget import and balances, approvals, alerts — with coded JSON errors.
 */
package org.jincai.server.api;
