/**
 * The bank text layouts of payroll / batch disbursement files: pipe-delimited ({@code pipe-gbk}: a
 * summary line, then one line per credit) and fixed-width with byte widths ({@code fixed-gbk}: header,
 * detail records, trailer), each with its return file; writers and answer readers for the hub, return
 * writers and responders for the simulated banks. What both share is in {@link org.jincai.bank.layout.TextLayout}
 * and in the bases of their payment file writers and of their simulated banks.
 */
package org.jincai.bank.layout;
