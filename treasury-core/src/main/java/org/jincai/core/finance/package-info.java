/** Finance systems upstream: their voucher inboxes, and the receipts (回单), returns (退回) and duplicate notices the hub sends back. */
package org.jincai.core.finance;
