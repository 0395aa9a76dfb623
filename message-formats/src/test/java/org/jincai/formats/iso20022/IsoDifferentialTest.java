package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.namespace.NamespaceContext;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.xpath.XPath;
import javax.xml.xpath.XPathConstants;
import javax.xml.xpath.XPathExpressionException;
import javax.xml.xpath.XPathFactory;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.ErrorHandler;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * The hub's ISO readers and an independent second parser — the JDK's own DOM (Xerces), namespace-aware,
 * DTDs refused, its values picked with namespace-bound XPath — read the same generated and mutated
 * documents ({@link DifferentialCorpus}) and must agree: both accept a document or both refuse it, and
 * for an accepted one every value the hub reads is the value the XPath of its ISO path finds (statements,
 * entries with amount, currency, credit/debit, status, booking date and references, transactions with
 * end-to-end id, amount, creditor name and remittance lines; pain.001 credits; pain.002 statuses).
 */
class IsoDifferentialTest {

    private static final long SEED = 20261201L;
    private static final int PER_KIND = 150;
    private static final String REFUSED = "refused";

    static Stream<DifferentialCorpus.Doc> corpus() {
        return new DifferentialCorpus(SEED).documents(PER_KIND).stream();
    }

    @Test
    void theCorpusHoldsAcceptedRefusedAndForeignDocumentsInEveryCharset() {
        List<DifferentialCorpus.Doc> docs = corpus().toList();
        long refused = docs.stream().filter(d -> oracle(d).equals(List.of(REFUSED))).count();

        assertThat(docs).hasSize(3 * PER_KIND);
        assertThat(refused).as("refused by the oracle").isBetween(60L, docs.size() - 200L);
        assertThat(docs).filteredOn(d -> d.recipe().contains("foreign")).hasSizeGreaterThan(60);
        for (String charset : List.of("UTF-8", "UTF-16LE", "UTF-16BE", "GBK", "GB18030")) {
            assertThat(docs).as(charset).filteredOn(d -> d.recipe().contains(" " + charset)).hasSizeGreaterThan(20);
        }
    }

    @ParameterizedTest(name = "{index} {0}")
    @MethodSource("corpus")
    void theHubReadsWhatAnIndependentParserReads(DifferentialCorpus.Doc doc) {
        assertThat(hub(doc)).isEqualTo(oracle(doc));
    }

    // ------------------------------------------------------------------ the hub

    private static List<String> hub(DifferentialCorpus.Doc doc) {
        List<String> out = new ArrayList<>();
        try {
            switch (doc.kind().substring(0, 8)) {
                case "camt.053" -> {
                    CamtReader.Document d = CamtReader.any(IsoReadOptions.lenientUnchecked())
                            .readAll(new ByteArrayInputStream(doc.bytes()), "gen.xml");
                    assertOnlyForeignWarnings(d.result().errors(), d.result().warnings());
                    for (BankStatement s : d.statements()) {
                        out.add("Stmt " + s.id());
                        for (StatementEntry e : s.entries()) {
                            out.add("Ntry " + amount(e.amount()) + " " + e.currency() + " " + e.creditDebit() + " " + e.status()
                                    + " " + e.bookingDate() + " " + e.entryReference() + " " + e.accountServicerReference() + " ["
                                    + e.additionalInformation() + "]");
                            for (EntryTransaction t : e.transactions()) {
                                out.add("TxDtls " + t.endToEndId() + " " + amount(t.amount()) + " [" + t.creditorName() + "] "
                                        + t.unstructuredRemittance());
                            }
                        }
                    }
                }
                case "pain.001" -> {
                    Pain001Reader.Result r = new Pain001Reader(IsoReadOptions.lenientUnchecked())
                            .readCollecting(new ByteArrayInputStream(doc.bytes()), "gen.xml");
                    assertOnlyForeignWarnings(r.problems(), r.warnings());
                    out.add("MsgId " + r.initiation().messageId());
                    for (PaymentInstruction p : r.initiation().paymentInstructions()) {
                        out.add("PmtInf " + p.paymentInformationId());
                        for (CreditTransferTransaction t : p.transactions()) {
                            out.add("CdtTrfTxInf " + t.endToEndId() + " " + amount(t.amount()) + " " + t.currency() + " ["
                                    + t.creditorName() + "] " + t.creditorAccount() + " [" + t.remittanceInformation() + "]");
                        }
                    }
                }
                default -> {
                    Pain002Reader.Result r = new Pain002Reader(IsoReadOptions.lenientUnchecked())
                            .readChecked(new ByteArrayInputStream(doc.bytes()), "gen.xml");
                    assertOnlyForeignWarnings(r.errors(), r.warnings());
                    PaymentStatusReport p = r.report();
                    out.add("MsgId " + p.messageId() + " " + p.originalMessageId() + " " + p.groupStatus());
                    for (TransactionStatus t : p.transactions()) {
                        out.add("TxInfAndSts " + t.originalEndToEndId() + " " + t.status() + " " + t.reasonCode() + " ["
                                + t.additionalInformation() + "]");
                    }
                }
            }
        } catch (FormatException e) {
            assertThat(e.code()).as(e.problem().toString())
                    .isIn(IsoProblemCodes.ISO_NOT_READABLE, SecureXml.DOCTYPE_NOT_ALLOWED);
            return List.of(REFUSED);
        }
        return out;
    }

    private static void assertOnlyForeignWarnings(List<Problem> errors, List<Problem> warnings) {
        assertThat(errors).isEmpty();
        assertThat(warnings).extracting(Problem::code)
                .allMatch(c -> c.equals(IsoProblemCodes.ISO_FOREIGN_ELEMENT) || c.equals(IsoProblemCodes.ISO_NAMESPACE_MISSING)
                        || c.equals(IsoProblemCodes.ISO_BALANCE_MISMATCH));
    }

    private static String amount(BigDecimal a) {
        return a == null ? "null" : a.stripTrailingZeros().toPlainString();
    }

    // ------------------------------------------------------------------ the oracle: DOM and XPath

    private static List<String> oracle(DifferentialCorpus.Doc doc) {
        Document dom;
        try {
            DocumentBuilder builder = SecureXml.newDocumentBuilder();
            builder.setErrorHandler(new ErrorHandler() {
                @Override
                public void warning(SAXParseException e) {
                }

                @Override
                public void error(SAXParseException e) throws SAXException {
                    throw e;
                }

                @Override
                public void fatalError(SAXParseException e) throws SAXException {
                    throw e;
                }
            });
            dom = builder.parse(new ByteArrayInputStream(doc.bytes()));
        } catch (SAXException | java.io.IOException e) {
            return List.of(REFUSED);
        }
        Paths x = new Paths(dom.getDocumentElement().getNamespaceURI());
        List<String> out = new ArrayList<>();
        switch (doc.kind().substring(0, 8)) {
            case "camt.053" -> {
                for (Node s : x.all(dom, "/Document/BkToCstmrStmt/Stmt")) {
                    out.add("Stmt " + x.text(s, "Id"));
                    for (Node e : x.all(s, "Ntry")) {
                        String sts = x.one(e, "Sts/Cd") != null ? x.text(e, "Sts/Cd") : blankIsNull(x.text(e, "Sts"));
                        out.add("Ntry " + decimal(x.text(e, "Amt")) + " " + x.attribute(e, "Amt", "Ccy") + " "
                                + x.text(e, "CdtDbtInd") + " " + sts + " " + x.text(e, "BookgDt/Dt") + " " + x.text(e, "NtryRef")
                                + " " + x.text(e, "AcctSvcrRef") + " [" + x.text(e, "AddtlNtryInf") + "]");
                        for (Node t : x.all(e, "NtryDtls/TxDtls")) {
                            String name = x.one(t, "RltdPties/Cdtr/Pty/Nm") != null ? x.text(t, "RltdPties/Cdtr/Pty/Nm")
                                    : x.text(t, "RltdPties/Cdtr/Nm");
                            List<String> lines = new ArrayList<>();
                            for (Node u : x.all(t, "RmtInf/Ustrd")) {
                                lines.add(Paths.trim(u.getTextContent()));
                            }
                            out.add("TxDtls " + x.text(t, "Refs/EndToEndId") + " " + decimal(x.text(t, "Amt")) + " [" + name
                                    + "] " + lines);
                        }
                    }
                }
            }
            case "pain.001" -> {
                out.add("MsgId " + x.text(dom, "/Document/CstmrCdtTrfInitn/GrpHdr/MsgId"));
                for (Node p : x.all(dom, "/Document/CstmrCdtTrfInitn/PmtInf")) {
                    out.add("PmtInf " + x.text(p, "PmtInfId"));
                    for (Node t : x.all(p, "CdtTrfTxInf")) {
                        out.add("CdtTrfTxInf " + x.text(t, "PmtId/EndToEndId") + " " + decimal(x.text(t, "Amt/InstdAmt")) + " "
                                + x.attribute(t, "Amt/InstdAmt", "Ccy") + " [" + x.text(t, "Cdtr/Nm") + "] "
                                + x.text(t, "CdtrAcct/Id/Othr/Id") + " [" + x.text(t, "RmtInf/Ustrd") + "]");
                    }
                }
            }
            default -> {
                String g = "/Document/CstmrPmtStsRpt/";
                out.add("MsgId " + x.text(dom, g + "GrpHdr/MsgId") + " " + x.text(dom, g + "OrgnlGrpInfAndSts/OrgnlMsgId") + " "
                        + x.text(dom, g + "OrgnlGrpInfAndSts/GrpSts"));
                for (Node t : x.all(dom, g + "OrgnlPmtInfAndSts/TxInfAndSts")) {
                    List<String> lines = new ArrayList<>();
                    for (Node a : x.all(t, "StsRsnInf/AddtlInf")) {
                        lines.add(Paths.trim(a.getTextContent()));
                    }
                    out.add("TxInfAndSts " + x.text(t, "OrgnlEndToEndId") + " " + x.text(t, "TxSts") + " "
                            + x.text(t, "StsRsnInf/Rsn/Cd") + " [" + (lines.isEmpty() ? null : String.join(" ", lines)) + "]");
                }
            }
        }
        return out;
    }

    private static String blankIsNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static String decimal(String s) {
        return s == null ? "null" : new BigDecimal(s).stripTrailingZeros().toPlainString();
    }

    /** ISO paths as XPath in the document's namespace (bound to the prefix {@code i}), or in none. */
    private static final class Paths {
        private final XPath xpath = XPathFactory.newInstance().newXPath();
        private final boolean namespaced;

        Paths(String namespace) {
            this.namespaced = namespace != null && !namespace.isEmpty();
            xpath.setNamespaceContext(new NamespaceContext() {
                @Override
                public String getNamespaceURI(String prefix) {
                    return "i".equals(prefix) ? namespace : null;
                }

                @Override
                public String getPrefix(String uri) {
                    return null;
                }

                @Override
                public java.util.Iterator<String> getPrefixes(String uri) {
                    return null;
                }
            });
        }

        private String qualify(String path) {
            if (!namespaced) {
                return path;
            }
            return path.replaceAll("(^|/)([A-Za-z])", "$1i:$2");
        }

        List<Node> all(Object context, String path) {
            try {
                NodeList nodes = (NodeList) xpath.evaluate(qualify(path), context, XPathConstants.NODESET);
                List<Node> out = new ArrayList<>();
                for (int i = 0; i < nodes.getLength(); i++) {
                    out.add(nodes.item(i));
                }
                return out;
            } catch (XPathExpressionException e) {
                throw new IllegalStateException(path, e);
            }
        }

        Node one(Object context, String path) {
            List<Node> all = all(context, path);
            return all.isEmpty() ? null : all.get(0);
        }

        /** The element's text as XML gives it (references resolved, CDATA joined, comments left out), trimmed. */
        String text(Object context, String path) {
            Node n = one(context, path);
            return n == null ? null : trim(n.getTextContent());
        }

        String attribute(Object context, String path, String name) {
            Node n = one(context, path);
            Node a = n == null ? null : n.getAttributes().getNamedItemNS(null, name);
            return a == null ? null : a.getNodeValue();
        }

        /** XML whitespace only (space, tab, CR, LF): what an ISO text keeps inside is the value. */
        static String trim(String s) {
            int b = 0;
            int e = s.length();
            while (b < e && " \t\r\n".indexOf(s.charAt(b)) >= 0) {
                b++;
            }
            while (e > b && " \t\r\n".indexOf(s.charAt(e - 1)) >= 0) {
                e--;
            }
            return s.substring(b, e);
        }
    }
}
