package org.jincai.core.testing;

import java.util.List;
import org.jincai.core.finance.FinanceSystem;

/** The finance system of the test and demo vouchers: Hubei (AdmDivCode 420000), on a local folder. */
public final class TestFinance {

    public static final String CODE = "HUBEI-FIN";

    private TestFinance() {
    }

    public static FinanceSystem hubei() {
        return new FinanceSystem(CODE, "湖北省财政厅", List.of("420000"), "finance/" + CODE, null);
    }
}
