package org.jincai.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.iso.IsoBankResponder;
import org.jincai.bank.iso.Pain001FileWriter;
import org.jincai.bank.iso.Pain002AnswerReader;
import org.jincai.bank.layout.FixedBankResponder;
import org.jincai.bank.layout.FixedFileWriter;
import org.jincai.bank.layout.FixedReturnReader;
import org.jincai.bank.layout.PipeBankResponder;
import org.jincai.bank.layout.PipeFileWriter;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BankFormatsTest {

    @Test
    void pipeBankUsesThePipeLayout() {
        BankProfile pipe = TestProfiles.pipe();
        assertThat(BankFormats.writer(pipe)).isInstanceOf(PipeFileWriter.class);
        assertThat(BankFormats.answerReader(pipe)).isInstanceOf(PipeReturnReader.class);
        assertThat(BankFormats.responder(pipe, RejectionRule.none())).isInstanceOf(PipeBankResponder.class);
    }

    @Test
    void isoBankUsesTheIsoAdapters() {
        BankProfile iso = TestProfiles.iso();
        assertThat(BankFormats.writer(iso)).isInstanceOf(Pain001FileWriter.class);
        assertThat(BankFormats.answerReader(iso)).isInstanceOf(Pain002AnswerReader.class);
        assertThat(BankFormats.responder(iso, RejectionRule.none())).isInstanceOf(IsoBankResponder.class);
    }

    @Test
    void fixedBankUsesTheFixedWidthLayout() {
        BankProfile fixed = TestProfiles.fixed();
        assertThat(BankFormats.writer(fixed)).isInstanceOf(FixedFileWriter.class);
        assertThat(BankFormats.answerReader(fixed)).isInstanceOf(FixedReturnReader.class);
        assertThat(BankFormats.responder(fixed, RejectionRule.none())).isInstanceOf(FixedBankResponder.class);
        assertThat(BankFormats.answerCarriesTotals(fixed)).isTrue();
        assertThat(BankFormats.answerCarriesTotals(TestProfiles.pipe())).isTrue();
        assertThat(BankFormats.answerCarriesTotals(TestProfiles.iso())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("demoBanks")
    void writerResponderAndReaderOfAFormatFitTogether(BankProfile bank) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BankFormats.writer(bank).write(TestProfiles.demoFile(), out);
        BankResponder.AnswerFile answer = BankFormats.responder(bank, RejectionRule.accountEndingWith("2222"))
                .respond(TestProfiles.demoFile().fileName(), out.toByteArray()).get(0);
        BankAnswer read = BankFormats.answerReader(bank).read(answer.name(), new ByteArrayInputStream(answer.content()));
        assertThat(read.originalReference()).isEqualTo(TestProfiles.demoFile().messageId());
        assertThat(read.statuses()).filteredOn(s -> !s.accepted()).singleElement()
                .satisfies(s -> assertThat(s.endToEndId()).isEqualTo("E2E-0003"));
    }

    static java.util.stream.Stream<BankProfile> demoBanks() {
        return java.util.stream.Stream.of(TestProfiles.pipe(), TestProfiles.iso(), TestProfiles.fixed());
    }

    @Test
    void aFormatInTheWrongRoleIsRefused() {
        BankProfile p = TestProfiles.pipe();
        BankProfile backwards = new BankProfile(p.code(), p.name(), p.agentBankNumbers(), BankFormat.PIPE_GBK_RETURN,
                BankFormat.PIPE_GBK, p.charset(), 1, BigDecimal.ONE, false, p.fileNamePattern(), p.sftp(), p.transliteration(),
                p.cutOffTime(), null, true);
        assertThatThrownBy(() -> BankFormats.writer(backwards))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT");
                    assertThat(e.problem().location()).isEqualTo("bank DEMO-PIPE / outboundFormat");
                });
        assertThatThrownBy(() -> BankFormats.answerReader(backwards))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT"));
        assertThatThrownBy(() -> BankFormats.responder(backwards, RejectionRule.none()))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT"));
    }
}
