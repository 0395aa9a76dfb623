/**
 * The {@code reconcile} job (银行流水对账): bank statements and notifications matched to the hub's payments,
 * unmatched items to the exceptions queue, the run's reconciliation.csv.
 */
package org.jincai.batch.reconcile;
