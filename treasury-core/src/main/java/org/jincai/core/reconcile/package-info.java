/**
 * Bank-flow reconciliation (银行流水对账): statements taken once and checked, entries matched to payments by named
 * rules, returns moved to RETURNED and sent upstream, and the exceptions queue operators resolve.
 */
package org.jincai.core.reconcile;
