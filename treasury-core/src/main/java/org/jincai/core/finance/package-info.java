/**
 * Finance systems upstream: their voucher inboxes, and the receipts (回单), returns (退回) and duplicate notices the hub
 * sends back — each file staged for a finance system's outbox (reconciliation's returns too) recorded with its bytes,
 * the staging area holding it and its delivery ({@link org.jincai.core.finance.StagedAnswers}, one lookup by name), so
 * that another node can take over those a lost node never delivered.
 */
package org.jincai.core.finance;
