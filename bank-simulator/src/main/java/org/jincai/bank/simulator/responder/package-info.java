/**
 * How each simulated bank answers the files of its format: pain.001 with a pain.002 (and, for a bank
 * with a statement format, camt.053 bookings), the pipe-delimited and fixed-width GBK layouts with their
 * return files. The policy they share (duplicates, refusals, rejection rules) is
 * {@link org.jincai.bank.simulator.AbstractBankResponder}.
 */
package org.jincai.bank.simulator.responder;
