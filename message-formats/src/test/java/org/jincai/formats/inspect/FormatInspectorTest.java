package org.jincai.formats.inspect;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FormatInspectorTest {

    @Test
    void aCamt053StatementBySummary() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/samples/camt.053/gs__camt_053_us_v2_sample.xml"), false);

        assertThat(i.format()).isEqualTo("camt.053.001.02");
        assertThat(i.readable()).isTrue();
        assertThat(i.valid()).isTrue();
        assertThat(i.summary()).isEqualTo(Map.of("statements", 1, "entries", 15L,
                "credit", Map.of("USD", "100.00"), "debit", Map.of("EUR", "29.06", "USD", "40.00"),
                "byStatus", Map.of("BOOK", 15), "notBooked", Map.of()));
        assertThat(i.toJson()).startsWith("{\"file\":").contains("\"format\":\"camt.053.001.02\"",
                "\"summary\":{\"statements\":1,\"entries\":15,\"credit\":{\"USD\":\"100.00\"},\"debit\":{\"EUR\":\"29.06\",\"USD\":\"40.00\"},"
                        + "\"byStatus\":{\"BOOK\":15},\"notBooked\":{}}");
    }

    /** Regression: an inspect of a statement did not show which entries move no money. */
    @Test
    void aStatementsPendingEntriesAreShown() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/camt/camt.053.001.03-batch-booking.xml"), false);

        assertThat(i.summary()).containsEntry("byStatus", Map.of("BOOK", 2, "PDNG", 1))
                .containsEntry("notBooked", Map.of("110060149018000017-20261201/3", "PDNG DBIT 500.00 CNY on 2026-12-01"));
    }

    @Test
    void aCamt054Notification() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/samples/camt.054/genkgo__camt054.v8.xml"), true);

        assertThat(i.format()).isEqualTo("camt.054.001.08");
        assertThat(i.valid()).isTrue();
        assertThat(i.summary()).containsEntry("statements", 1).containsEntry("debit", Map.of("SEK", "200000.00"));
    }

    @Test
    void strictMakesSchemaViolationsErrors() {
        Path abnamro = resource("/iso20022/samples/camt.053/abnamro__example_camt.xml");

        Inspection lenient = FormatInspector.inspect(abnamro, false);
        Inspection strict = FormatInspector.inspect(abnamro, true);

        assertThat(lenient.valid()).isTrue();
        assertThat(lenient.warnings()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThat(strict.valid()).isFalse();
        assertThat(strict.readable()).isTrue();
        assertThat(strict.errors()).extracting(Problem::code).contains(IsoProblemCodes.XSD_INVALID);
        assertThat(strict.summary()).isEqualTo(lenient.summary());
    }

    @Test
    void aPain001() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/golden/pain.001.001.09-cnaps-payroll.xml"), true);

        assertThat(i.format()).isEqualTo("pain.001.001.09");
        assertThat(i.valid()).isTrue();
        assertThat(i.summary()).containsExactlyEntriesOf(new java.util.LinkedHashMap<>(Map.of()) {
            {
                put("messageId", "PAYROLL-202611");
                put("paymentInformations", 2);
                put("transactions", 4);
                put("controlSum", "1255218.40");
            }
        });
    }

    @Test
    void aSwissPain001IsReadLeniently() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/samples/pain.001/postfinance__musterfile_pain.001_Nov2020.xml"),
                false);

        assertThat(i.format()).isEqualTo("pain.001.001.03.ch.02");
        assertThat(i.readable()).isTrue();
        assertThat(i.summary()).containsEntry("transactions", 8).containsEntry("controlSum", "38.00");
        // it declares 7 transactions and holds 8
        assertThat(i.valid()).isFalse();
        assertThat(i.errors()).extracting(Problem::code).contains(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH);
    }

    @Test
    void aPain002() {
        Inspection i = FormatInspector.inspect(resource("/iso20022/samples/pain.002/nordea__pain_002_v3_txn_reject.xml"), false);

        assertThat(i.format()).isEqualTo("pain.002.001.03");
        assertThat(i.summary()).containsEntry("originalMessageId", "MSGID-950-TEST2-2807-01")
                .containsEntry("transactions", Map.of("RJCT", 2));
        assertThat(i.warnings()).extracting(Problem::code).contains(IsoProblemCodes.ISO_SCHEMA_UNAVAILABLE);
    }

    @Test
    void aFiscalVoucherEnvelope() {
        Inspection i = FormatInspector.inspect(resource("/convert/mof-envelope-5201-8202.xml"), true);

        assertThat(i.format()).isEqualTo(FormatInspector.FISCAL_VOUCHER);
        assertThat(i.valid()).isTrue();
        assertThat(i.summary()).isEqualTo(Map.of("vouchers", 3, "byVtCode", Map.of("5201", 2, "8202", 1), "payAmt", "244511.62"));
    }

    @Test
    void fiscalEnvelopesOfEveryVoucherTypeSumTheirTypesTotal() {
        Inspection quota = FormatInspector.inspect(resource("/fiscal/golden/5106-authorized-clearing-quota.xml"), true);
        Inspection clearing = FormatInspector.inspect(resource("/fiscal/golden/2301-clearing-request.xml"), true);

        assertThat(quota.format()).isEqualTo(FormatInspector.FISCAL_VOUCHER);
        assertThat(quota.valid()).isTrue();
        // PlanAmt of the notice and of its receipt
        assertThat(quota.summary()).isEqualTo(Map.of("vouchers", 2, "byVtCode", Map.of("5106", 2), "payAmt", "1560000.00"));
        assertThat(clearing.format()).isEqualTo(FormatInspector.FISCAL_VOUCHER);
        assertThat(clearing.valid()).isTrue();
        assertThat(clearing.summary()).isEqualTo(Map.of("vouchers", 2, "byVtCode", Map.of("2301", 2), "payAmt", "367960.84"));
    }

    @Test
    void anInvalidFiscalVoucherIsReadableButNotValid() {
        Inspection i = FormatInspector.inspect(resource("/convert/mof-envelope-pay-amt-mismatch.xml"), false);

        assertThat(i.readable()).isTrue();
        assertThat(i.valid()).isFalse();
        assertThat(i.errors()).isNotEmpty();
    }

    @Test
    void unknownContentIsUnreadableWithFormatUnknown(@TempDir Path dir) throws IOException {
        Path text = Files.writeString(dir.resolve("bank.txt"), "H|105100000017|20261201|3\n", StandardCharsets.UTF_8);
        Path otherXml = Files.writeString(dir.resolve("other.xml"), "<Invoice><Id>1</Id></Invoice>", StandardCharsets.UTF_8);

        for (Path p : new Path[] {text, otherXml, dir.resolve("missing.xml")}) {
            Inspection i = FormatInspector.inspect(p, false);
            assertThat(i.readable()).isFalse();
            assertThat(i.format()).isEqualTo(FormatInspector.UNKNOWN);
            assertThat(i.errors()).extracting(Problem::code).containsExactly(FormatInspector.FORMAT_UNKNOWN);
            assertThat(i.exitCode()).isEqualTo(1);
        }
    }

    @Test
    void hostileOrBrokenXmlIsUnreadableWithItsCode() {
        assertThat(FormatInspector.inspect(resource("/iso20022/malformed/camt/billion-laughs.xml"), false).errors())
                .extracting(Problem::code).containsExactly(SecureXml.DOCTYPE_NOT_ALLOWED);
        assertThat(FormatInspector.inspect(resource("/iso20022/malformed/camt/truncated.xml"), false).errors())
                .extracting(Problem::code).containsExactly(IsoProblemCodes.ISO_NOT_READABLE);
        assertThat(FormatInspector.inspect(resource("/iso20022/malformed/camt/empty.xml"), false).errors())
                .extracting(Problem::code).containsExactly(FormatInspector.FORMAT_UNKNOWN);
    }

    @Test
    void jsonIsOneObjectWithEscapedText() {
        Inspection i = new Inspection("a\"b.xml", "camt.053.001.08", true, true,
                java.util.List.of(Problem.of("X", "line\nbreak", "1:2")), java.util.List.of(), Map.of());

        assertThat(i.toJson()).isEqualTo("{\"file\":\"a\\\"b.xml\",\"format\":\"camt.053.001.08\",\"valid\":true,"
                + "\"readable\":true,\"errors\":[{\"code\":\"X\",\"message\":\"line\\nbreak\",\"location\":\"1:2\"}],"
                + "\"warnings\":[],\"summary\":{}}");
    }

    private static Path resource(String name) {
        try {
            return Path.of(FormatInspectorTest.class.getResource(name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
