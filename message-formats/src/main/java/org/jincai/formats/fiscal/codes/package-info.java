/**
 * Code lists of the fiscal voucher standard (资金性质, 支付方式, 支出功能分类, 经济分类, 结算方式, 业务类型,
 * VoucherFlag, 退款类型) as data: tab-separated files versioned by region (AdmDivCode prefix) and year, the
 * reference's seed values bundled under {@code org/jincai/formats/fiscal/codes/}, and a deployment's own
 * directory laid out the same way.
 */
package org.jincai.formats.fiscal.codes;
