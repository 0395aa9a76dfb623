package org.jincai.batch.payroll.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;
import org.jincai.core.Digests;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A payroll file before its lines: its digest, character set and kind; the resident ID's check; CSV fields. */
class PayrollInputTest {

    @TempDir
    Path dir;

    @Test
    void theCharacterSetIsDetectedOrGivenAndTheDigestIsOfTheBytes() throws IOException {
        String text = PayrollRow.HEADER + "\nE1,张伟,01,110101199003077578,B,6222,张伟,1.00,A,F,E,11,\n";
        Path utf8 = Files.writeString(dir.resolve("u.csv"), text, StandardCharsets.UTF_8);
        Path gbk = Files.writeString(dir.resolve("g.csv"), text, Charset.forName("GBK"));

        assertThat(PayrollInput.inspect(utf8, null).charset()).isEqualTo(StandardCharsets.UTF_8);
        assertThat(PayrollInput.inspect(gbk, null).charset().name()).isEqualTo("GBK");
        assertThat(PayrollInput.inspect(gbk, "gb18030").charset().name()).isEqualTo("GB18030");
        assertThat(PayrollInput.inspect(utf8, null).sha256()).isEqualTo(Digests.sha256(Files.readAllBytes(utf8)));
        assertThat(PayrollInput.inspect(utf8, null).kind()).isEqualTo(PayrollInput.Kind.CSV);
        assertThat(PayrollInput.inspect(Files.writeString(dir.resolve("v.xml"), "<?xml version=\"1.0\"?><MOF/>"), null)
                .kind()).isEqualTo(PayrollInput.Kind.V8207);
    }

    @Test
    void aFileThatCannotBeTakenIsRefusedWhole() throws IOException {
        Path empty = Files.write(dir.resolve("e.csv"), new byte[0]);
        assertThatThrownBy(() -> PayrollInput.inspect(empty, null)).isInstanceOf(PayrollException.class)
                .extracting("code").isEqualTo(PayrollCodes.PAYROLL_FILE_INVALID);
        assertThatThrownBy(() -> PayrollInput.inspect(empty, "latin1")).isInstanceOf(PayrollException.class)
                .extracting("code").isEqualTo(PayrollCodes.PAYROLL_ARGUMENT_INVALID);
        Path noHeader = Files.writeString(dir.resolve("h.csv"), "id,name\n1,x\n");
        assertThatThrownBy(() -> PayrollFileReader.requireHeader(noHeader, StandardCharsets.UTF_8))
                .isInstanceOf(PayrollException.class).extracting("code").isEqualTo(PayrollCodes.PAYROLL_FILE_INVALID);
    }

    @Test
    void theResidentIdCheckCharacterIsIso7064Mod112() {
        assertThat(ResidentId.valid("11010519491231002X")).isTrue();
        assertThat(ResidentId.valid("11010519491231002x")).isTrue();
        assertThat(ResidentId.valid("110105194912310021")).isFalse();
        assertThat(ResidentId.valid("11010519491231002")).isFalse();
        assertThat(ResidentId.valid("1101051949123100AX")).isFalse();
        assertThat(ResidentId.checkOf("11010519491231002")).isEqualTo('X');
    }

    @Test
    void csvFieldsMayBeQuoted() {
        assertThat(CsvLine.split("a,\"b,c\",\"d \"\"e\"\"\", f ")).containsExactly("a", "b,c", "d \"e\"", "f");
        assertThat(CsvLine.split("a,\"open")).isNull();
    }
}
