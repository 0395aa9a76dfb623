/**
 * The pipe-delimited GBK payroll / batch disbursement layout (summary line, then one line per credit;
 * the bank's return file repeats each line with its status): writer and readers for the hub, return
 * writer and responder for the simulated bank.
 */
package org.jincai.bank.layout;
