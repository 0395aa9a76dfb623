package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every third-party sample of {@code samples/} (copied from ../shared/conformance/iso20022, see the
 * README there) reads in lenient mode without an exception and gives the right counts and sums.
 *
 * <p>The expected figures are an oracle independent of the hub's code: they were computed by
 * {@code src/test/resources/iso20022/tools/conformance_oracle.py}, which reads each file with Python's
 * ElementTree by the rules of the issue (statements = Stmt/Ntfctn, entries = Ntry, credit and debit =
 * sum of Ntry/Amt by Ccy and CdtDbtInd; pain.001 = PmtInf, CdtTrfTxInf and the sum of their instructed
 * amounts; pain.002 = TxInfAndSts by TxSts, inherited from PmtInfSts then GrpSts when absent), and
 * pasted here. Cross-checked by hand on the small files.
 */
class IsoConformanceTest {

    record Camt(String file, int statements, long entries, Map<String, String> credit, Map<String, String> debit) {
    }

    record Pain001(String file, String messageId, int blocks, int transactions, String sum) {
    }

    record Pain002(String file, String originalMessageId, String groupStatus, Map<String, Integer> byStatus) {
    }

    static Stream<Camt> camt() {
        return Stream.of(
                camt("camt.053/abnamro__example_camt.xml", 1, 13, map("EUR", "28.00"), map("EUR", "928.00")),
                camt("camt.053/fffs__FI_camt_053_sample.xml", 1, 10, map("EUR", "23075.00"), map("EUR", "9430.17")),
                camt("camt.053/genkgo__camt053.v2.multi.statement.xml", 2, 2, map("EUR", "8.85"), map("EUR", "7.00")),
                camt("camt.053/genkgo__camt053.v8.xml", 1, 1, map("EUR", "8.85"), map()),
                camt("camt.053/gs__camt_053_us_v2_sample.xml", 1, 15, map("USD", "100.00"), map("EUR", "29.06", "USD", "40.00")),
                camt("camt.053/isomdr__camt.053.001.02.xml", 1, 3, map("SEK", "135678.50"), map("SEK", "200000.00")),
                camt("camt.053/oca__test-camt053.xml", 1, 3, map("EUR", "1405.31"), map("EUR", "1418.30")),
                camt("camt.053/six__Business_Sample_camt.053.001.04.xml", 1, 3, map("SEK", "135678.50"), map("SEK", "200000.00")),
                camt("camt.054/genkgo__camt054.v2.xml", 1, 1, map(), map("SEK", "200000.00")),
                camt("camt.054/genkgo__camt054.v8.xml", 1, 1, map(), map("SEK", "200000.00")),
                camt("camt.054/postfinance__200519_camt.054-Debit_P_CH2909000000250094239_1110092692_0_2019042401501580.xml",
                        1, 1, map(), map("CHF", "913.00")),
                camt("camt.054/postfinance__200519_camt054-ESR-ASR_P_CH2909000000250094239_1110092704_0_2019042500372179.xml",
                        1, 2, map("CHF", "1537.00"), map("CHF", "147.00")),
                camt("camt.054/postfinance__camt.054_P_CH2909000000250094239_1111111112_0_2022031011011199_v2019.xml",
                        1, 1, map("CHF", "522.10"), map()));
    }

    static Stream<Pain001> pain001() {
        return Stream.of(
                new Pain001("abnamro__pain.001.001.03_voorbeeldbestand.xml", "000001", 1, 1, "386.00"),
                new Pain001("iso20022js__swift_pain_001_v3.xml", "bbd49338b6a3434aad7537d07b248a99", 1, 1, "10"),
                new Pain001("isomdr__gistfile1.xml", "ABC/090928/CCT001", 1, 3, "11500000"),
                new Pain001("phpfints__SendTransferVoPTest_XML_PAYLOAD.xml", "M1234567890", 1, 1, "10.00"),
                new Pain001("postfinance__musterfile_pain.001_Nov2020.xml", "MsgId-001", 5, 8, "38.00"),
                new Pain001("sepaxml__test_00100109_SAMPLE_RESULT.xml", "20180724040432-d24ce3b3e284", 1, 2, "60.12"),
                new Pain001("siauliu__sepa_payment_naujas_1.xml", "MSGID0001", 1, 1, "99.99"));
    }

    static Stream<Pain002> pain002() {
        return Stream.of(
                new Pain002("atruvia__SendTransferVoPTest_VOP_REPORT_PARTIAL_MATCH_XML_PAYLOAD.xml", "M1234567890", "RVCM",
                        Map.of("RVNM", 1)),
                new Pain002("crossriver__pain_002_batch_rejected.xml", null, "RJCT", Map.of()),
                new Pain002("gs__pain_002_v3_accepted.xml", "10280093XXXX", null, Map.of("ACCP", 1)),
                new Pain002("hbci4j__test-pain-parse-0020110-01.xml", "2025-10-20T23:33:49:0045", "RVMC", Map.of("RVNM", 1)),
                new Pain002("hbci4j__test-pain-parse-0020110-02.xml", "2025-10-20T23:33:49:0045", "RVMC", Map.of("RVNM", 1)),
                new Pain002("nordea__pain_002_v3_txn_reject.xml", "MSGID-950-TEST2-2807-01", null, Map.of("RJCT", 2)),
                new Pain002("postfinance__pain002-epo_p_ch2909000000250094239_1109800799_0_2018032612092784.xml", "MsgId-006",
                        null, Map.of("RJCT", 1)));
    }

    @Test
    void everySampleFileHasItsExpectedFigures() throws IOException {
        for (String type : List.of("camt.053", "camt.054", "pain.001", "pain.002")) {
            List<String> files;
            try (Stream<Path> s = Files.list(IsoFixtures.path("samples/" + type))) {
                files = s.map(p -> type + "/" + p.getFileName()).filter(f -> f.endsWith(".xml")).toList();
            }
            List<String> covered = type.startsWith("camt") ? camt().map(Camt::file).toList()
                    : type.equals("pain.001") ? pain001().map(p -> type + "/" + p.file()).toList()
                    : pain002().map(p -> type + "/" + p.file()).toList();
            assertThat(covered).as(type).containsAll(files);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("camt")
    void camtSamplesReadWithTheirCountsAndSums(Camt expected) {
        CamtReader.Result r = CamtReader.any(IsoReadOptions.lenient()).read(IsoFixtures.path("samples/" + expected.file()),
                (s, e) -> {
                });

        assertThat(r.errors()).isEmpty();
        assertThat(r.statements()).isEqualTo(expected.statements());
        assertThat(r.entries()).isEqualTo(expected.entries());
        assertThat(plain(r.credit())).isEqualTo(expected.credit());
        assertThat(plain(r.debit())).isEqualTo(expected.debit());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pain001")
    void pain001SamplesReadWithTheirCountsAndSums(Pain001 expected) {
        Pain001Reader.Result r = new Pain001Reader(IsoReadOptions.lenient())
                .readCollecting(IsoFixtures.path("samples/pain.001/" + expected.file()), expected.file());

        assertThat(r.initiation().messageId()).isEqualTo(expected.messageId());
        assertThat(r.initiation().paymentInstructions()).hasSize(expected.blocks());
        assertThat(r.initiation().numberOfTransactions()).isEqualTo(expected.transactions());
        assertThat(r.initiation().controlSum()).isEqualByComparingTo(expected.sum());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("pain002")
    void pain002SamplesReadWithTheirStatuses(Pain002 expected) {
        Pain002Reader.Result r = new Pain002Reader(IsoReadOptions.lenient())
                .readChecked(IsoFixtures.path("samples/pain.002/" + expected.file()), expected.file());

        assertThat(r.report().originalMessageId()).isEqualTo(expected.originalMessageId());
        assertThat(r.report().groupStatus()).isEqualTo(expected.groupStatus());
        Map<String, Integer> byStatus = new TreeMap<>();
        r.report().transactions().forEach(t -> byStatus.merge(t.status(), 1, Integer::sum));
        assertThat(byStatus).isEqualTo(expected.byStatus());
    }

    private static Camt camt(String file, int statements, long entries, Map<String, String> credit, Map<String, String> debit) {
        return new Camt(file, statements, entries, credit, debit);
    }

    private static Map<String, String> map(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static Map<String, String> plain(Map<String, BigDecimal> sums) {
        Map<String, String> m = new LinkedHashMap<>();
        sums.forEach((k, v) -> m.put(k, v.toPlainString()));
        return m;
    }
}
