/**
 * Finance-system routes: voucher inboxes in (a file taken once complete, kept under a unique name), receipts,
 * returns, duplicate notices and reconciliation returns out (each file's delivery recorded; one another node took
 * over quarantined, never sent).
 */
package org.jincai.routes.finance;
