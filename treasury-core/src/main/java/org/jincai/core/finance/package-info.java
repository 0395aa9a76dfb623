/** Finance systems upstream: their voucher inboxes, and the receipts (回单) and returns (退回) the hub sends back. */
package org.jincai.core.finance;
