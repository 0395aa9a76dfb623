package org.jincai.bank.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.layout.FixedReturnReader;
import org.jincai.bank.layout.Fixtures;
import org.jincai.bank.layout.TextLayout;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder.AnswerFault;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.bank.simulator.RejectionRule;
import org.junit.jupiter.api.Test;

class FixedBankResponderTest {

    private static final String PAYMENT = "PAY-DEMO-FIXED-20250106-B0003-001.txt";

    private final FixedBankResponder bank = new FixedBankResponder(TestProfiles.fixed(), RejectionRule.accountEndingWith("0000"),
            Clock.fixed(Instant.parse("2025-01-08T02:00:00Z"), BankProfile.ZONE));

    @Test
    void answersTheGoldenPaymentFileWithTheGoldenReturnFile() {
        List<AnswerFile> answers = bank.respond(PAYMENT, Fixtures.bytes("payment-demo-fixed.txt"));
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("PAY-DEMO-FIXED-20250106-B0003-001.ret.txt");
            assertThat(a.content()).isEqualTo(Fixtures.bytes("payment-demo-fixed.ret.txt"));
        });
    }

    @Test
    void refusesAFileWithWrongTotalsLineByLine() {
        BankAnswer read = hubReads(bank.respond("t.txt", Fixtures.bytes("malformed-fixed/TOTALS_MISMATCH.amount.txt")).get(0));
        assertThat(read.statuses()).hasSize(3).allSatisfy(s -> {
            assertThat(s.accepted()).isFalse();
            assertThat(s.reasonCode()).isEqualTo(TextLayout.TOTALS_REASON);
            assertThat(s.reasonText()).isEqualTo(TextLayout.TOTALS_TEXT);
        });
    }

    @Test
    void anUnreadableFileGetsAShortReturnWithWhatItsHeaderSays() {
        AnswerFile answer = bank.respond("bad.txt", Fixtures.bytes("malformed-fixed/MALFORMED_LINE.amount-not-digits.txt")).get(0);
        assertThat(answer.name()).isEqualTo("bad.ret.txt");
        BankAnswer read = hubReads(answer);
        assertThat(read.originalReference()).isEqualTo("B0003-001");
        assertThat(read.statuses()).isEmpty();
    }

    @Test
    void garbageGetsAShortReturnNamedAfterTheFile() {
        AnswerFile answer = bank.respond("garbage.txt", new byte[] {(byte) 0xff, 0x0a, 0x7c}).get(0);
        String text = new String(answer.content(), TestProfiles.GBK);
        assertThat(text).startsWith("Hgarbage ").contains("20250108-  ").endsWith("T000000000000000000000\r\n");
        assertThat(hubReads(answer).statuses()).isEmpty();
    }

    @Test
    void aSecondArrivalOfTheSameNameIsRefusedUnderASecondNameAndTheFirstAnswerStands() {
        byte[] payment = Fixtures.bytes("payment-demo-fixed.txt");
        bank.respond(PAYMENT, payment);
        AnswerFile second = bank.respond(PAYMENT, payment).get(0);
        assertThat(second.name()).isEqualTo("PAY-DEMO-FIXED-20250106-B0003-001-dup2.ret.txt");
        assertThat(hubReads(second).statuses()).isEmpty();
        AnswerFile sameBatchOtherName = bank.respond("OTHER.txt", payment).get(0);
        assertThat(sameBatchOtherName.name()).isEqualTo("OTHER.ret.txt");
        assertThat(hubReads(sameBatchOtherName).statuses()).isEmpty();
    }

    @Test
    void aNameThatDoesNotMatchTheAccountIsRejected() {
        FixedBankResponder checking = new FixedBankResponder(TestProfiles.fixed(),
                RejectionRule.nameMismatch(Map.of("6222020200002222", "李四光")));
        BankAnswer read = hubReads(checking.respond(PAYMENT, Fixtures.bytes("payment-demo-fixed.txt")).get(0));
        assertThat(read.statuses()).extracting(CreditStatus::accepted).containsExactly(true, true, false);
        assertThat(read.statuses().get(2)).isEqualTo(new CreditStatus("E2E-0003", false, "BE01", "户名与账号不符"));
    }

    @Test
    void reasonsLongerThanTheirFieldsAreShortenedAtACharacterBoundary() {
        FixedBankResponder wordy = new FixedBankResponder(TestProfiles.fixed(),
                c -> java.util.Optional.of(new RejectionRule.Rejection("LONGREASON", "账户".repeat(20))));
        BankAnswer read = hubReads(wordy.respond(PAYMENT, Fixtures.bytes("payment-demo-fixed.txt")).get(0));
        assertThat(read.statuses().get(0).reasonCode()).isEqualTo("LONGREAS");
        assertThat(read.statuses().get(0).reasonText()).isEqualTo("账户".repeat(15));
    }

    @Test
    void askedForWrongTotalsItWritesAReturnTheHubRefuses() {
        AnswerFile wrong = bank.respond(PAYMENT, Fixtures.bytes("payment-demo-fixed.txt"), AnswerFault.WRONG_TOTALS).get(0);
        assertThatThrownBy(() -> hubReads(wrong))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("TOTALS_MISMATCH"));
        assertThat(new String(wrong.content(), StandardCharsets.ISO_8859_1)).endsWith("T000003000000001334667\r\n");
    }

    private static BankAnswer hubReads(AnswerFile answer) {
        return new FixedReturnReader(TestProfiles.fixed()).read(answer.name(), new ByteArrayInputStream(answer.content()));
    }
}
