/**
 * The camt.053.001.08 writer the simulated banks book their statements with, and the camt.054.001.08 writer of
 * their intraday notifications: streaming, XSD-valid, and able to book a payment block singly or batch-booked
 * as a bank does.
 */
package org.jincai.bank.simulator.statement;
