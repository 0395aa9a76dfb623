package org.jincai.bank.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.util.stream.Stream;
import org.jincai.bank.BankFormats;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.responder.FixedBankResponder;
import org.jincai.bank.simulator.responder.IsoBankResponder;
import org.jincai.bank.simulator.responder.PipeBankResponder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RespondersTest {

    @Test
    void eachOutboundFormatHasItsResponder() {
        assertThat(Responders.forProfile(TestProfiles.pipe(), RejectionRule.none())).isInstanceOf(PipeBankResponder.class);
        assertThat(Responders.forProfile(TestProfiles.iso(), RejectionRule.none())).isInstanceOf(IsoBankResponder.class);
        assertThat(Responders.forProfile(TestProfiles.fixed(), RejectionRule.none())).isInstanceOf(FixedBankResponder.class);
    }

    @ParameterizedTest
    @MethodSource("demoBanks")
    void writerResponderAndReaderOfAFormatFitTogether(BankProfile bank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankFormats.writer(bank).write(TestProfiles.demoFile(), out);
        BankResponder.AnswerFile answer = Responders.forProfile(bank, RejectionRule.accountEndingWith("2222"))
                .respond(TestProfiles.demoFile().fileName(), out.toByteArray()).get(0);
        BankAnswer read = BankFormats.answerReader(bank).read(answer.name(), new ByteArrayInputStream(answer.content()));
        assertThat(read.originalReference()).isEqualTo(TestProfiles.demoFile().messageId());
        assertThat(read.statuses()).filteredOn(s -> !s.accepted()).singleElement()
                .satisfies(s -> assertThat(s.endToEndId()).isEqualTo("E2E-0003"));
    }

    static Stream<BankProfile> demoBanks() {
        return Stream.of(TestProfiles.pipe(), TestProfiles.iso(), TestProfiles.fixed());
    }

    @Test
    void aReturnFormatCannotBeSimulatedAsAPaymentFormat() {
        BankProfile p = TestProfiles.pipe();
        BankProfile backwards = new BankProfile(p.code(), p.name(), p.agentBankNumbers(), BankFormat.PIPE_GBK_RETURN,
                BankFormat.PIPE_GBK, p.charset(), 1, BigDecimal.ONE, false, p.fileNamePattern(), p.sftp(), p.transliteration(),
                p.cutOffTime(), null, true, false);
        assertThatThrownBy(() -> Responders.forProfile(backwards, RejectionRule.none()))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT");
                    assertThat(e.problem().location()).isEqualTo("bank DEMO-PIPE / outboundFormat");
                });
    }
}
