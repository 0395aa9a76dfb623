/**
 * The bank simulator: an embedded SFTP server with a home per bank that answers payment files as a
 * bank would (the shared policy in {@link org.jincai.bank.simulator.AbstractBankResponder}: duplicates,
 * refusals, rejection rules, camt.053 statements), and commits faults on request
 * ({@link org.jincai.bank.simulator.SimulatorFaults}).
 */
package org.jincai.bank.simulator;
