package org.jincai.core.budget;

import java.util.ArrayList;
import java.util.List;

/**
 * What a budget indicator (指标) is approved for: AdmDivCode and StYear, the agency (AgencyCode 基层预算单位), the
 * functional classification (ExpFuncCode 支出功能分类科目), the economic classification (GovExpEcoCode 政府预算支出经济分类,
 * see docs/budget.md for why this one), the fund type (FundTypeCode 资金性质) and, for a project's indicator, the
 * project (DepProCode 预算项目; empty for none). A payment is controlled by the indicator of exactly its subject.
 */
public record BudgetSubject(String admDivCode, String stYear, String agencyCode, String expFuncCode,
                            String govExpEcoCode, String fundTypeCode, String depProCode) {

    public BudgetSubject {
        depProCode = depProCode == null ? "" : depProCode;
    }

    /** The key stored with the indicator: the seven codes joined by '|'. */
    public String key() {
        return String.join("|", admDivCode, stYear, agencyCode, expFuncCode, govExpEcoCode, fundTypeCode, depProCode);
    }

    /** The standard's tag names of the codes this subject lacks (a payment without them has no indicator). */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        check(missing, admDivCode, "AdmDivCode");
        check(missing, stYear, "StYear");
        check(missing, agencyCode, "AgencyCode");
        check(missing, expFuncCode, "ExpFuncCode");
        check(missing, govExpEcoCode, "GovExpEcoCode");
        check(missing, fundTypeCode, "FundTypeCode");
        return missing;
    }

    private static void check(List<String> missing, String value, String tag) {
        if (value == null || value.isBlank()) {
            missing.add(tag);
        }
    }

    @Override
    public String toString() {
        return admDivCode + "/" + stYear + " agency " + agencyCode + " ExpFunc " + expFuncCode + " GovExpEco "
                + govExpEcoCode + " FundType " + fundTypeCode + (depProCode.isEmpty() ? "" : " project " + depProCode);
    }
}
