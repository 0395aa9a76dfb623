/**
 * The reconciliation benchmark ({@code jincai bench reconcile}): the reconcile job's path on embedded H2 against an
 * in-memory hash join of the same entries and payments, in the same run.
 */
package org.jincai.bench.reconcile;
