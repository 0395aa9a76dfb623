package org.jincai.bank.file;

/**
 * The bank's answer for one credit: accepted or rejected, with the bank's own reason code and text
 * (ISO 20022 ExternalStatusReason1Code for ISO banks, the layout's code for the others).
 */
public record CreditStatus(String endToEndId, boolean accepted, String reasonCode, String reasonText) {
}
