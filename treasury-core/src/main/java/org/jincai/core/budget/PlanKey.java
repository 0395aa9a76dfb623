package org.jincai.core.budget;

/**
 * What a monthly plan (用款计划) is for: AdmDivCode, StYear, the month, the agency and the fund type. A payment
 * draws on the plan of its voucher's month (VouDate) in its budget year (StYear).
 */
public record PlanKey(String admDivCode, String stYear, int month, String agencyCode, String fundTypeCode) {

    /** The key stored with the plan: the five values joined by '|', the month as two digits. */
    public String key() {
        return String.join("|", admDivCode, stYear, String.format("%02d", month), agencyCode, fundTypeCode);
    }

    @Override
    public String toString() {
        return admDivCode + "/" + stYear + "-" + String.format("%02d", month) + " agency " + agencyCode + " FundType "
                + fundTypeCode;
    }
}
