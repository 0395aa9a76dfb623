/**
 * Finance systems upstream: their voucher inboxes, and the receipts (回单), returns (退回) and duplicate notices the hub
 * sends back — each receipt and return recorded with the staging area holding its file and its delivery
 * ({@link org.jincai.core.finance.StagedAnswers}), so that another node can take over those a lost node never delivered.
 */
package org.jincai.core.finance;
