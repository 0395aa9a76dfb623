package org.jincai.core.budget.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CsvReaderTest {

    static final Charset GBK = Charset.forName("GBK");

    private static List<CsvReader.Record> read(byte[] bytes, Charset charset) throws Exception {
        List<CsvReader.Record> records = new ArrayList<>();
        try (CsvReader csv = new CsvReader(new ByteArrayInputStream(bytes), charset)) {
            for (CsvReader.Record r = csv.next(); r != null; r = csv.next()) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaksAndKeepTheirLine() throws Exception {
        String text = "\uFEFFa,b,c\r\n\r\n 1 ,\"x, \"\"y\"\"\",3\r\n\"multi\nline\",\"\",z\n  last , , \n";

        List<CsvReader.Record> records = read(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);

        assertThat(records).extracting(CsvReader.Record::line).containsExactly(1, 3, 4, 6);
        assertThat(records.get(0).fields()).containsExactly("a", "b", "c");
        assertThat(records.get(1).fields()).containsExactly("1", "x, \"y\"", "3");
        assertThat(records.get(2).fields()).containsExactly("multi\nline", "", "z");
        assertThat(records.get(3).fields()).containsExactly("last", "", "");
    }

    @Test
    void gbkTextIsReadInGbkAndNamesTheLineWhereItIsNotUtf8() throws Exception {
        byte[] gbk = "Type,Remark\r\n下达,年初预算\r\n追加,年中\r\n".getBytes(GBK);

        assertThat(read(gbk, GBK)).extracting(r -> r.fields().get(0)).containsExactly("Type", "下达", "追加");
        assertThatThrownBy(() -> read(gbk, StandardCharsets.UTF_8)).isInstanceOfSatisfying(CsvReader.CsvException.class,
                e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void anUnclosedQuoteNamesTheLineItOpensOn() {
        byte[] bytes = "a,b\n1,\"open\n2,3\n".getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> read(bytes, StandardCharsets.UTF_8)).isInstanceOfSatisfying(CsvReader.CsvException.class,
                e -> assertThat(e.line()).isEqualTo(2));
        assertThatThrownBy(() -> read("a\n\"x\"y\n".getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(CsvReader.CsvException.class, e -> assertThat(e.line()).isEqualTo(2));
    }

    @Test
    void onlyCharsetsWhoseLineFeedIsOneByteAreRead() {
        assertThatThrownBy(() -> new CsvReader(new ByteArrayInputStream(new byte[0]), StandardCharsets.UTF_16))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
