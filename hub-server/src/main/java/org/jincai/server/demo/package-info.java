/**
 * The demo: a sample budget, then the bundled sample vouchers through the fiscal controls (its approvers deciding
 * every chain) and the whole path against the simulated banks, and its summary.
 */
package org.jincai.server.demo;
