package org.jincai.bank.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.formats.xml.SecureXml;
import org.w3c.dom.Document;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** A payroll for the demo ISO bank, with names GBK cannot encode, and the test helpers around it. */
public final class IsoBankFiles {

    /** 2025-01-06 10:00 in Beijing: the file is made the morning of its execution date. */
    public static final Clock MORNING = Clock.fixed(Instant.parse("2025-01-06T02:00:00Z"), ZoneId.of("Asia/Shanghai"));
    /** Half an hour later the bank answers. */
    public static final Clock LATER = Clock.fixed(Instant.parse("2025-01-06T02:30:00Z"), ZoneId.of("Asia/Shanghai"));
    public static final String FILE_NAME = "DEMO-ISO_20250106_B0002_001.xml";
    public static final String MESSAGE_ID = "B0002-001";
    public static final String PAYER_BANK = "104581000012";

    private IsoBankFiles() {
    }

    public static OutboundCredit credit(String id, String amount, String name, String account, String bankNo, String bankName) {
        return new OutboundCredit(id, new BigDecimal(amount), name, account, bankNo, bankName, "2025年1月工资");
    }

    /** Five credits; the accounts of E2E-0002 and E2E-0005 end in 0000, which the demo bank treats as closed. */
    public static List<OutboundCredit> credits() {
        return List.of(
                credit("E2E-0001", "5000.00", "张三", "6222020200001111", "104581000012", "中国银行广州分行"),
                credit("E2E-0002", "7000.67", "欧阳·娜娜", "6222020200010000", "102581000013", "中国工商银行广州分行"),
                credit("E2E-0003", "1345.00", "王𠀀芳", "6222020200002222", "104581000099", null),
                credit("E2E-0004", "0.01", "龔麗珍", "6222020200003333", "103581000017", "中国农业银行广州分行"),
                credit("E2E-0005", "88888.88", "䶮岩", "6222020200040000", null, null));
    }

    public static PaymentFile payroll() {
        return payroll(credits());
    }

    public static PaymentFile payroll(List<OutboundCredit> credits) {
        return new PaymentFile(FILE_NAME, "DEMO-ISO", MESSAGE_ID, LocalDate.of(2025, 1, 6), TestProfiles.UNIT,
                TestProfiles.PAYER, PAYER_BANK, credits);
    }

    public static byte[] resource(String name) {
        try (InputStream in = IsoBankFiles.class.getResourceAsStream("/iso/" + name)) {
            assertThat(in).as("test resource /iso/" + name).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static InputStream stream(byte[] bytes) {
        return new ByteArrayInputStream(bytes);
    }

    /** ISO 20022 golden files compare XML-similar: equal once the whitespace between elements is gone. */
    public static void assertXmlSimilar(byte[] actual, byte[] expected) {
        assertThat(dom(actual).getDocumentElement().isEqualNode(dom(expected).getDocumentElement()))
                .as("XML-similar to the golden file").isTrue();
    }

    public static Document dom(byte[] xml) {
        try {
            Document doc = SecureXml.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            dropWhitespace(doc);
            return doc;
        } catch (IOException | SAXException e) {
            throw new AssertionError("not well-formed", e);
        }
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
