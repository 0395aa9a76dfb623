/**
 * Finance-system routes: voucher inboxes in (a file taken once complete, kept under a unique name), receipts,
 * returns and duplicate notices out (a receipt's or return's delivery recorded; one another node took over
 * quarantined, never sent).
 */
package org.jincai.routes.finance;
