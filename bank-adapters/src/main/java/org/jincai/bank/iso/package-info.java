/**
 * ISO 20022 bank files: payment files as pain.001.001.09, bank answers from pain.002, the simulated ISO
 * bank, and the camt.053.001.08 statement writer with which it books what it accepted.
 */
package org.jincai.bank.iso;
