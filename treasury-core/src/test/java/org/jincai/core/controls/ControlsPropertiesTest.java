package org.jincai.core.controls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jincai.core.TreasuryException;
import org.jincai.core.approval.ApprovalRules;
import org.jincai.core.approval.VoucherFacts;
import org.jincai.core.risk.RiskOptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/** The configuration of the controls as docs/budget.md shows it binds, and what it leaves out takes its default. */
class ControlsPropertiesTest {

    private static ControlsProperties bind(String yaml) throws Exception {
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("example",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        MapConfigurationPropertySource map = new MapConfigurationPropertySource();
        for (PropertySource<?> s : sources) {
            ((Map<?, ?>) s.getSource()).forEach((k, v) -> map.put(k, v.toString()));
        }
        return new Binder(map).bindOrCreate("jincai.controls", ControlsProperties.class);
    }

    /** The YAML block of docs/budget.md, as an operator would paste it. */
    private static String documented() throws Exception {
        String doc = Files.readString(Path.of("..", "docs", "budget.md"), StandardCharsets.UTF_8);
        int start = doc.indexOf("```yaml\n") + "```yaml\n".length();
        return doc.substring(start, doc.indexOf("```", start));
    }

    @Test
    void theDocumentedExampleBindsAsItSays() throws Exception {
        ControlsProperties p = bind(documented());

        assertThat(p.budget().options().warningThreshold()).isEqualByComparingTo("0.90");
        ApprovalRules rules = p.approval().approvalRules();
        assertThat(rules.fundUseOf(new VoucherFacts("3", null, false, BigDecimal.ONE)))
                .isEqualTo(ApprovalRules.PAYROLL);
        assertThat(rules.ruleFor(ApprovalRules.DAILY, new BigDecimal("500000.00")).orElseThrow().levels())
                .containsExactly(ApprovalRules.DEPARTMENT_HEAD, ApprovalRules.FINANCE_CHIEF);
        assertThat(rules.thresholds()).singleElement().satisfies(t -> assertThat(t).isEqualByComparingTo("500000.00"));
        RiskOptions risk = p.risk();
        assertThat(risk.blockList().entries()).extracting(RiskOptions.BlockList.Entry::reason)
                .containsExactly("涉诉冻结", "失信被执行人");
        assertThat(risk.duplicate().days()).isEqualTo(7);
        assertThat(risk.dailyTotal().hold()).isFalse();
        assertThat(risk.dormant().lookbackBankDays()).isEqualTo(20);
    }

    @Test
    void nothingConfiguredIsEveryDefaultOn() throws Exception {
        ControlsProperties p = bind("jincai:\n  home: x\n");

        assertThat(p.budget().options().enabled()).isTrue();
        assertThat(p.budget().options().planControl()).isTrue();
        assertThat(p.approval().approvalRules().rules()).hasSize(ApprovalRules.defaultRules().size());
        assertThat(p.risk().enabled()).isTrue();
        assertThat(p.risk().splitting().band()).isEqualByComparingTo("0.10");
        assertThat(p.risk().holdRole()).isEqualTo(RiskOptions.DEFAULT_HOLD_ROLE);
    }

    @Test
    void rulesThatCannotWorkStopTheStart() throws Exception {
        ControlsProperties p = bind("""
                jincai:
                  controls:
                    approval:
                      rules:
                        - {name: a, fund-use: NOWHERE, levels: [X]}
                        - {name: a, levels: [""], min-amount: 5, max-amount: 1}
                """);

        assertThatThrownBy(() -> p.approval().approvalRules()).isInstanceOfSatisfying(TreasuryException.class,
                e -> assertThat(e.code()).isEqualTo(ApprovalRules.APPROVAL_RULES_INVALID));
    }
}
