package org.jincai.bank;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.iso.Pain001FileWriter;
import org.jincai.bank.iso.Pain002AnswerReader;
import org.jincai.bank.layout.FixedFileWriter;
import org.jincai.bank.layout.FixedReturnReader;
import org.jincai.bank.layout.PipeFileWriter;
import org.jincai.bank.layout.PipeReturnReader;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.junit.jupiter.api.Test;

class BankFormatsTest {

    @Test
    void pipeBankUsesThePipeLayout() {
        BankProfile pipe = TestProfiles.pipe();
        assertThat(BankFormats.writer(pipe)).isInstanceOf(PipeFileWriter.class);
        assertThat(BankFormats.answerReader(pipe)).isInstanceOf(PipeReturnReader.class);
    }

    @Test
    void isoBankUsesTheIsoAdapters() {
        BankProfile iso = TestProfiles.iso();
        assertThat(BankFormats.writer(iso)).isInstanceOf(Pain001FileWriter.class);
        assertThat(BankFormats.answerReader(iso)).isInstanceOf(Pain002AnswerReader.class);
    }

    @Test
    void fixedBankUsesTheFixedWidthLayout() {
        BankProfile fixed = TestProfiles.fixed();
        assertThat(BankFormats.writer(fixed)).isInstanceOf(FixedFileWriter.class);
        assertThat(BankFormats.answerReader(fixed)).isInstanceOf(FixedReturnReader.class);
        assertThat(BankFormats.answerCarriesTotals(fixed)).isTrue();
        assertThat(BankFormats.answerCarriesTotals(TestProfiles.pipe())).isTrue();
        assertThat(BankFormats.answerCarriesTotals(TestProfiles.iso())).isFalse();
    }

    @Test
    void aFormatInTheWrongRoleIsRefused() {
        BankProfile p = TestProfiles.pipe();
        BankProfile backwards = new BankProfile(p.code(), p.name(), p.agentBankNumbers(), BankFormat.PIPE_GBK_RETURN,
                BankFormat.PIPE_GBK, p.charset(), 1, BigDecimal.ONE, false, p.fileNamePattern(), p.sftp(), p.transliteration(),
                p.cutOffTime(), null, true, false);
        assertThatThrownBy(() -> BankFormats.writer(backwards))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT");
                    assertThat(e.problem().location()).isEqualTo("bank DEMO-PIPE / outboundFormat");
                });
        assertThatThrownBy(() -> BankFormats.answerReader(backwards))
                .isInstanceOfSatisfying(BankFileException.class, e -> assertThat(e.code()).isEqualTo("UNSUPPORTED_FORMAT"));
    }
}
