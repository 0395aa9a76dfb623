package org.jincai.bank.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.profile.BankProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BankFileNamesTest {

    private static final LocalDate DAY = LocalDate.of(2025, 1, 6);

    @Test
    void pipeBankGetsTxtAndZeroPaddedPart() {
        assertThat(BankFileNames.name(TestProfiles.pipe(), "B0001", DAY, 2, 12))
                .isEqualTo("PAY-DEMO-PIPE-20250106-B0001-002.txt");
    }

    @Test
    void isoBankGetsXml() {
        assertThat(BankFileNames.name(TestProfiles.iso(), "B0001", DAY, 1, 1)).isEqualTo("DEMO-ISO_20250106_B0001_001.xml");
    }

    @Test
    void sameInputsGiveTheSameName() {
        assertThat(new BankFileNames().name(TestProfiles.pipe(), "B7", DAY, 1, 1))
                .isEqualTo(BankFileNames.name(TestProfiles.pipe(), "B7", DAY, 1, 1));
    }

    @Test
    void partsTokenAndExistingExtensionAreHonoured() {
        BankProfile p = withPattern("{batch}-{part}of{parts}.txt");
        assertThat(BankFileNames.name(p, "B1", DAY, 3, 4)).isEqualTo("B1-003of004.txt");
    }

    @Test
    void batchIdThatWouldEscapeTheFolderIsRefused() {
        assertThatThrownBy(() -> BankFileNames.name(TestProfiles.pipe(), "../../etc/passwd", DAY, 1, 1))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNSAFE_FILE_NAME"));
    }

    @Test
    void unknownTokenIsRefused() {
        assertThatThrownBy(() -> BankFileNames.name(withPattern("{batch}-{part}-{time}"), "B1", DAY, 1, 1))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNKNOWN_NAME_TOKEN"));
    }

    @Test
    void partOutsideRangeIsRefused() {
        assertThatThrownBy(() -> BankFileNames.name(TestProfiles.pipe(), "B1", DAY, 3, 2))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FILE_PART_OUT_OF_RANGE"));
        assertThatThrownBy(() -> BankFileNames.name(TestProfiles.pipe(), "B1", DAY, 1, 1000))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("FILE_PART_OUT_OF_RANGE"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", ".", "..", "a/b", "a\\b", "..hidden", "x..y.txt", "c:boot.ini", "a\u0000b", "line\nbreak",
            "tab\tname", " lead.txt", "trail.txt "})
    void unsafeNamesFromOutsideAreRefused(String name) {
        assertThatThrownBy(() -> BankFileNames.requireSafeName(name))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNSAFE_FILE_NAME"));
        assertThat(BankFileNames.isSafeName(name)).isFalse();
    }

    @Test
    void nullAndOverlongNamesAreRefused() {
        assertThat(BankFileNames.isSafeName(null)).isFalse();
        assertThat(BankFileNames.isSafeName("a".repeat(201))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"PAY-DEMO-PIPE-20250106-B0001-001.ret.txt", "pain.002_20250106.xml", "代发回盘20250106.txt", ".hidden"})
    void ordinaryNamesPass(String name) {
        assertThat(BankFileNames.requireSafeName(name)).isEqualTo(name);
    }

    private static BankProfile withPattern(String pattern) {
        BankProfile p = TestProfiles.pipe();
        return new BankProfile(p.code(), p.name(), p.agentBankNumbers(), p.outboundFormat(), p.answerFormat(), p.charset(),
                p.maxTransactionsPerFile(), BigDecimal.TEN, p.batchBooking(), pattern, p.sftp(), p.transliteration(),
                p.cutOffTime(), p.statementFormat(), p.answerSettles(), false);
    }
}
