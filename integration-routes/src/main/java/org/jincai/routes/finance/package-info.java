/**
 * Finance-system routes: voucher inboxes in (a file taken once complete, kept under a unique name), receipts,
 * returns and duplicate notices out.
 */
package org.jincai.routes.finance;
