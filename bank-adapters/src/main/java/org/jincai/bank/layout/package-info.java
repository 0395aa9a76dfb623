/**
 * The bank text layouts of payroll / batch disbursement files: pipe-delimited ({@code pipe-gbk}: a
 * summary line, then one line per credit) and fixed-width with byte widths ({@code fixed-gbk}: header,
 * detail records, trailer), each with its return file; writers and answer readers for the hub, payment
 * file readers and return writers for the simulated banks (module {@code bank-simulator}). What both
 * share is in {@link org.jincai.bank.layout.TextLayout} and in the base of their payment file writers.
 */
package org.jincai.bank.layout;
