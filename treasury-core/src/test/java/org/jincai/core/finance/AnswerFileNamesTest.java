package org.jincai.core.finance;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jincai.bank.file.BankFileNames;
import org.junit.jupiter.api.Test;

class AnswerFileNamesTest {

    @Test
    void aKeyOfSafeCharactersKeepsItsReadableName() {
        assertThat(AnswerFileNames.receipt("420000", "2026", "5201", "T202600000002"))
                .isEqualTo("420000_2026_5201_T202600000002_receipt.xml");
    }

    @Test
    void anyKeyGivesOneSafeNameAndDifferentKeysNeverShareOne() {
        List<String> numbers = List.of("../../etc/pw1", "etcpw1", "etc/pw1", "T2026\"1", "T20261", "T2026'1",
                "张三001", "001", "0-0-1", "a\\b:c", " T1", "T1 ", "T1", "x".repeat(41), "x".repeat(40), "", "..");
        Set<String> names = new HashSet<>();
        for (String no : numbers) {
            String name = AnswerFileNames.receipt("420000", "2026", "5201", no);
            assertThat(BankFileNames.isSafeName(name)).as(no).isTrue();
            assertThat(name).as(no).matches("[A-Za-z0-9_.-]+");
            assertThat(names.add(name)).as("unique: " + no).isTrue();
        }
    }
}
