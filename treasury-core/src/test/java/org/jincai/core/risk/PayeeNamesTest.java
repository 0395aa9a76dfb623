package org.jincai.core.risk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Payee names as the name and block-list rules compare them. */
class PayeeNamesTest {

    @Test
    void namesAreComparedWithTheirWidthsSpacesAndCaseFolded() {
        assertThat(RiskService.normalised("湖北某某（集团） 有限公司")).isEqualTo(RiskService.normalised("湖北某某(集团)有限公司"));
        assertThat(RiskService.normalised("ＡＢＣ　Co")).isEqualTo(RiskService.normalised("abcco"));
        assertThat(RiskService.normalised("王喆")).isNotEqualTo(RiskService.normalised("王哲"));
        assertThat(RiskService.normalised(null)).isEmpty();
    }
}
