/**
 * Bank-flow reconciliation (银行流水对账): statements taken once and checked, entries matched to payments by named
 * rules, returns moved to RETURNED and sent upstream (each return's bytes and staging area recorded, so that another
 * node takes it over should this one be lost before its delivery), and the exceptions queue operators resolve.
 */
package org.jincai.core.reconcile;
