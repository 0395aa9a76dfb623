package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilder;
import org.jincai.formats.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** Models and helpers shared by the ISO 20022 tests: a municipal payroll with Chinese names. */
public final class IsoFixtures {

    public static final OffsetDateTime CREATED = OffsetDateTime.of(2026, 11, 30, 9, 15, 0, 0, ZoneOffset.ofHours(8));
    public static final String PAYER_BANK = "105100000017";

    private IsoFixtures() {
    }

    public static CreditTransferTransaction credit(String id, String amount, String name, String account, String bank,
            String bankName, String remittance) {
        return new CreditTransferTransaction(id, id, new BigDecimal(amount), "CNY", name, account, bank, bankName, remittance);
    }

    /** Two payment blocks, four credits, a rare name character outside the BMP and an XML-special remittance. */
    public static CreditTransferInitiation payroll() {
        PaymentInstruction salaries = new PaymentInstruction("PAYROLL-202611-01", LocalDate.of(2026, 12, 1), true,
                "某某市财政局", "110060149018000017", PAYER_BANK, List.of(
                        credit("PAY000000000001", "8650.00", "张伟", "6222020200112345678", "102100099996",
                                "中国工商银行股份有限公司北京市分行", "2026年11月工资"),
                        credit("PAY000000000002", "12000.50", "王𠀀芳", "6217000010012340000", "105100000017",
                                null, "2026年11月工资 & <绩效>"),
                        credit("PAY000000000003", "0.01", "李娜", "6228480010000000001", null, null, null)));
        PaymentInstruction suppliers = new PaymentInstruction("SUPPLIER-202611-01", LocalDate.of(2026, 12, 2), false,
                "某某市财政局", "110060149018000017", PAYER_BANK, List.of(
                        credit("PAY000000000004", "1234567.89", "北京某某科技有限公司", "110060149018000999", "104100000004",
                                "中国银行北京分行", "采购合同 HT-2026-088 尾款")));
        return new CreditTransferInitiation("PAYROLL-202611", CREATED, "某某市财政局", List.of(salaries, suppliers));
    }

    /** The payroll with creditor references on some transactions (SCOR and a proprietary type). */
    public static CreditTransferInitiation withReferences() {
        CreditTransferInitiation p = payroll();
        List<PaymentInstruction> blocks = new ArrayList<>();
        for (PaymentInstruction b : p.paymentInstructions()) {
            List<CreditTransferTransaction> txs = new ArrayList<>();
            for (CreditTransferTransaction t : b.transactions()) {
                CreditorReference ref = t.endToEndId().endsWith("2") ? CreditorReference.scor("RF18539007547034")
                        : t.endToEndId().endsWith("4") ? new CreditorReference("PUOR", "某某市财政局", "HT-2026-088") : null;
                txs.add(new CreditTransferTransaction(t.instructionId(), t.endToEndId(), t.amount(), t.currency(),
                        t.creditorName(), t.creditorAccount(), t.creditorAgentMemberId(), t.creditorAgentName(),
                        t.remittanceInformation(), ref));
            }
            blocks.add(new PaymentInstruction(b.paymentInformationId(), b.requestedExecutionDate(), b.batchBooking(),
                    b.debtorName(), b.debtorAccount(), b.debtorAgentMemberId(), txs));
        }
        return new CreditTransferInitiation(p.messageId(), p.creationDateTime(), p.initiatingPartyName(), blocks);
    }

    public static PaymentStatusReport partialReport() {
        return new PaymentStatusReport("STS-PAYROLL-202611", CREATED.plusHours(2), "PAYROLL-202611", "pain.001.001.09",
                "PART", null, null, List.of(
                        new TransactionStatus("PAYROLL-202611-01", "PAY000000000001", "PAY000000000001", "ACCP", null, null),
                        new TransactionStatus("PAYROLL-202611-01", "PAY000000000002", "PAY000000000002", "RJCT", "AC04",
                                "收款账户已销户 account closed"),
                        new TransactionStatus("PAYROLL-202611-01", "PAY000000000003", "PAY000000000003", "RJCT", "BANK-0042",
                                "A proprietary reason whose text is longer than one AddtlInf may hold, so the writer has to"
                                        + " split it over two lines at a space and the reader joins it back"),
                        new TransactionStatus("SUPPLIER-202611-01", "PAY000000000004", "PAY000000000004", "ACSC", null, null)));
    }

    public static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    public static byte[] resource(String path) {
        try (InputStream in = IsoFixtures.class.getResourceAsStream("/iso20022/" + path)) {
            assertThat(in).as("test resource /iso20022/" + path).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A test resource below {@code /iso20022/} as a file. */
    public static java.nio.file.Path path(String path) {
        try {
            java.net.URL url = IsoFixtures.class.getResource("/iso20022/" + path);
            assertThat(url).as("test resource /iso20022/" + path).isNotNull();
            return java.nio.file.Path.of(url.toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public static Document dom(byte[] xml) {
        try {
            DocumentBuilder builder = SecureXml.newDocumentBuilder();
            Document doc = builder.parse(new ByteArrayInputStream(xml));
            dropWhitespace(doc);
            doc.normalizeDocument();
            return doc;
        } catch (IOException | SAXException e) {
            throw new AssertionError("not well-formed", e);
        }
    }

    /** Text of the first element at a slash-separated path of local names below the root, or null. */
    public static String text(Document doc, String path) {
        Node node = doc.getDocumentElement();
        for (String name : path.split("/")) {
            node = child(node, name);
            if (node == null) {
                return null;
            }
        }
        return node.getTextContent();
    }

    /** Pretty-printing is not content: XML-similar means equal once whitespace between elements is gone. */
    public static void assertXmlSimilar(byte[] actual, byte[] expected) {
        Document a = dom(actual);
        Document e = dom(expected);
        assertThat(a.getDocumentElement().isEqualNode(e.getDocumentElement()))
                .as("XML-similar to the golden file").isTrue();
    }

    private static Node child(Node parent, String localName) {
        NodeList children = parent.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            Node c = children.item(i);
            if (c.getNodeType() == Node.ELEMENT_NODE && localName.equals(c.getLocalName())) {
                return c;
            }
        }
        return null;
    }

    private static void dropWhitespace(Node node) {
        NodeList children = node.getChildNodes();
        for (int i = children.getLength() - 1; i >= 0; i--) {
            Node c = children.item(i);
            if (c.getNodeType() == Node.TEXT_NODE && c.getTextContent().isBlank()) {
                node.removeChild(c);
            } else {
                dropWhitespace(c);
            }
        }
    }
}
