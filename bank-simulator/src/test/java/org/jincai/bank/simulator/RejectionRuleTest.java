package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.Map;
import java.util.Optional;
import org.jincai.bank.file.OutboundCredit;
import org.junit.jupiter.api.Test;

class RejectionRuleTest {

    private static OutboundCredit credit(String name, String account) {
        return new OutboundCredit("E2E-1", BigDecimal.ONE, name, account, null, null, null);
    }

    @Test
    void aNameThatDoesNotMatchTheAccountHoldersIsRejectedWithBe01() {
        RejectionRule rule = RejectionRule.nameMismatch(Map.of("6222020200001111", "张三"));
        assertThat(rule.check(credit("张三", "6222020200001111"))).isEmpty();
        assertThat(rule.check(credit(" 张三 ", "6222020200001111"))).isEmpty();
        assertThat(rule.check(credit("张叁", "6222020200001111")))
                .contains(new RejectionRule.Rejection("BE01", "户名与账号不符"));
        assertThat(rule.check(credit("anyone", "6222020200009999"))).isEmpty();
    }

    @Test
    void theFirstRuleThatRejectsGivesTheReason() {
        RejectionRule rule = RejectionRule.accountEndingWith("0000")
                .orElse(RejectionRule.nameMismatch(Map.of("6222020200010000", "李四", "6222020200001111", "张三")));
        assertThat(rule.check(credit("王五", "6222020200010000"))).map(RejectionRule.Rejection::reasonCode).contains("AC04");
        assertThat(rule.check(credit("王五", "6222020200001111"))).map(RejectionRule.Rejection::reasonCode).contains("BE01");
        assertThat(rule.check(credit("张三", "6222020200001111"))).isEqualTo(Optional.empty());
    }
}
