/** Finance-system routes: voucher inboxes in, receipts and returns out. */
package org.jincai.routes.finance;
