package org.jincai.core.approval;

import java.util.Objects;
import java.util.Set;

/**
 * A fund use (资金用途) and how a voucher is told to be of it: its BusinessTypeCode (业务类型, e.g. 3 工资) is one of
 * {@code businessTypeCodes}, or its ProCatCode (收支管理 / 项目类别: 1 人员类, 2 运转类, 3 特定目标类) is one of
 * {@code proCatCodes}, or — when {@code govProcurement} — it carries a GovProcurementID (政府采购交易识别码). Any one
 * of these is enough.
 */
public record FundUse(String name, String label, Set<String> businessTypeCodes, Set<String> proCatCodes,
                      boolean govProcurement) {

    public FundUse {
        Objects.requireNonNull(name, "name");
        label = label == null ? name : label;
        businessTypeCodes = businessTypeCodes == null ? Set.of() : Set.copyOf(businessTypeCodes);
        proCatCodes = proCatCodes == null ? Set.of() : Set.copyOf(proCatCodes);
    }

    public boolean matches(VoucherFacts v) {
        return govProcurement && v.govProcurement()
                || v.businessTypeCode() != null && businessTypeCodes.contains(v.businessTypeCode())
                || v.proCatCode() != null && proCatCodes.contains(v.proCatCode());
    }
}
