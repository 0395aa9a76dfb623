package org.jincai.core.payment;

/**
 * The budget classification a payment carries from its voucher detail (the header's value where the detail has
 * none): AgencyCode 预算单位, ExpFuncCode 支出功能分类, GovExpEcoCode 政府预算支出经济分类, DepExpEcoCode 部门预算支出经济分类,
 * FundTypeCode 资金性质, ProCatCode 收支管理 (项目类别), DepProCode 预算项目. Absent values are null.
 */
public record BudgetClassification(String agencyCode, String expFuncCode, String govExpEcoCode, String depExpEcoCode,
                                   String fundTypeCode, String proCatCode, String depProCode) {
}
