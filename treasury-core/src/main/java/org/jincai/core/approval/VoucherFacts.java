package org.jincai.core.approval;

import java.math.BigDecimal;

/**
 * What the approval rules look at in a voucher: its BusinessTypeCode and ProCatCode (the header's, else the one
 * all its details share), whether it carries a GovProcurementID, and its PayAmt — a voucher, however many details
 * it has, is approved as a whole.
 */
public record VoucherFacts(String businessTypeCode, String proCatCode, boolean govProcurement, BigDecimal amount) {
}
