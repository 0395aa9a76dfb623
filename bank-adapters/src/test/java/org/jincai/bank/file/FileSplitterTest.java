package org.jincai.bank.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.junit.jupiter.api.Test;

class FileSplitterTest {

    @Test
    void keepsOrderAndRespectsTheCountLimit() {
        List<OutboundCredit> credits = credits("1", "1", "1", "1", "1");
        List<List<OutboundCredit>> parts = FileSplitter.split(credits, 2, new BigDecimal("100"));
        assertThat(parts).extracting(List::size).containsExactly(2, 2, 1);
        assertThat(parts.stream().flatMap(List::stream).toList()).isEqualTo(credits);
    }

    @Test
    void respectsTheAmountLimitIncludingExactlyAtTheLimit() {
        List<OutboundCredit> credits = credits("60.00", "40.00", "0.01", "99.99", "100.00");
        List<List<OutboundCredit>> parts = FileSplitter.split(credits, 10, new BigDecimal("100.00"));
        assertThat(parts).extracting(p -> p.stream().map(OutboundCredit::endToEndId).toList())
                .containsExactly(List.of("E0", "E1"), List.of("E2", "E3"), List.of("E4"));
    }

    @Test
    void everyPartIsWithinBothLimits() {
        List<String> amounts = new ArrayList<>();
        for (int i = 0; i < 250; i++) {
            amounts.add((i * 37 % 500) + "." + String.format("%02d", i % 100));
        }
        BigDecimal max = new BigDecimal("1000.00");
        List<List<OutboundCredit>> parts = FileSplitter.split(credits(amounts.toArray(String[]::new)), 7, max);
        assertThat(parts).allSatisfy(p -> {
            assertThat(p).hasSizeBetween(1, 7);
            assertThat(p.stream().map(OutboundCredit::amount).reduce(BigDecimal.ZERO, BigDecimal::add)).isLessThanOrEqualTo(max);
        });
        assertThat(parts.stream().mapToInt(List::size).sum()).isEqualTo(250);
        assertThat(FileSplitter.split(credits(amounts.toArray(String[]::new)), 7, max)).isEqualTo(parts);
    }

    @Test
    void oneCreditAboveTheFileLimitIsRefused() {
        assertThatThrownBy(() -> new FileSplitter().split(credits("10", "100.01"), 10, new BigDecimal("100")))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("CREDIT_EXCEEDS_FILE_LIMIT");
                    assertThat(e.problem().location()).contains("E1");
                });
    }

    @Test
    void noCreditsNoParts() {
        assertThat(FileSplitter.split(List.of(), 1, BigDecimal.ONE)).isEmpty();
    }

    @Test
    void nonPositiveLimitsAreProgrammingErrors() {
        assertThatThrownBy(() -> FileSplitter.split(List.of(), 0, BigDecimal.ONE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FileSplitter.split(List.of(), 1, BigDecimal.ZERO)).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<OutboundCredit> credits(String... amounts) {
        List<OutboundCredit> list = new ArrayList<>();
        for (int i = 0; i < amounts.length; i++) {
            list.add(TestProfiles.credit("E" + i, amounts[i], "张三", "62220202000011" + i));
        }
        return list;
    }
}
