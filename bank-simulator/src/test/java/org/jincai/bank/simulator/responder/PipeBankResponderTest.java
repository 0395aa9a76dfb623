package org.jincai.bank.simulator.responder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.layout.Fixtures;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.simulator.BankResponder.AnswerFile;
import org.jincai.bank.simulator.RejectionRule;
import org.junit.jupiter.api.Test;

class PipeBankResponderTest {

    private final PipeBankResponder bank = new PipeBankResponder(TestProfiles.pipe(), RejectionRule.accountEndingWith("0000"),
            Clock.fixed(Instant.parse("2025-01-08T02:00:00Z"), ZoneId.of("Asia/Shanghai")));

    @Test
    void answersTheGoldenPaymentFileWithTheGoldenReturnFile() {
        List<AnswerFile> answers = bank.respond("PAY-DEMO-PIPE-20250106-B0001-001.txt", Fixtures.bytes("payment-demo-pipe.txt"));
        assertThat(answers).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("PAY-DEMO-PIPE-20250106-B0001-001.ret.txt");
            assertThat(a.content()).isEqualTo(Fixtures.bytes("payment-demo-pipe.ret.txt"));
        });
    }

    @Test
    void refusesAFileWithWrongTotalsLineByLineInAReturnTheHubCanRead() {
        AnswerFile answer = bank.respond("short.txt", Fixtures.bytes("malformed/TOTALS_MISMATCH.count.txt")).get(0);
        BankAnswer read = hubReads(answer);
        assertThat(read.statuses()).hasSize(2).allSatisfy(s -> {
            assertThat(s.accepted()).isFalse();
            assertThat(s.reasonCode()).isEqualTo(PipeBankResponder.TOTALS_REASON);
            assertThat(s.reasonText()).isEqualTo(PipeBankResponder.TOTALS_TEXT);
        });
    }

    @Test
    void anUnreadableFileGetsAShortReturn() {
        AnswerFile answer = bank.respond("bad.txt", Fixtures.bytes("malformed/MALFORMED_LINE.amount-one-decimal.txt")).get(0);
        assertThat(answer.name()).isEqualTo("bad.ret.txt");
        BankAnswer read = hubReads(answer);
        assertThat(read.originalReference()).isEqualTo("B0001-001");
        assertThat(read.statuses()).isEmpty();
    }

    @Test
    void garbageGetsAShortReturnNamedAfterTheFile() {
        AnswerFile answer = bank.respond("garbage.txt", new byte[] {(byte) 0xff, 0x0a, 0x7c}).get(0);
        assertThat(new String(answer.content(), TestProfiles.GBK)).isEqualTo("H|garbage|20250108|-|-|CNY|0|0.00\r\n");
        assertThat(hubReads(answer).statuses()).isEmpty();
    }

    @Test
    void withoutRejectionsEveryLineSucceeds() {
        PipeBankResponder generous = new PipeBankResponder(TestProfiles.pipe(), RejectionRule.none());
        BankAnswer read = hubReads(generous.respond("p.txt", Fixtures.bytes("payment-demo-pipe.txt")).get(0));
        assertThat(read.statuses()).extracting(CreditStatus::accepted).containsExactly(true, true, true);
    }

    private static BankAnswer hubReads(AnswerFile answer) {
        return new PipeReturnReader(TestProfiles.pipe()).read(answer.name(), new ByteArrayInputStream(answer.content()));
    }
}
