package org.jincai.formats.iso20022;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jincai.formats.FormatException;
import org.jincai.formats.xml.SecureXml;
import org.junit.jupiter.api.Test;

class XmlScannerTest {

    private static final String DOC = "<Document xmlns=\"urn:x\"><A>1 &amp; 2 &lt;3&gt; &#x4E2D;&#22269;</A>"
            + "<B><![CDATA[<raw> & ]]></B><C Ccy='CNY'/><!-- c --><?pi x?><D>张伟</D></Document>";

    @Test
    void readsElementsTextEntitiesCdataAndAttributes() {
        List<String> seen = scan(DOC.getBytes(StandardCharsets.UTF_8));

        assertThat(seen).containsExactly("A=1 & 2 <3> 中国", "B=<raw> &", "C=", "D=张伟", "Document=");
    }

    @Test
    void transcodesTheEncodingTheDeclarationNames() {
        String xml = "<?xml version=\"1.0\" encoding=\"GBK\"?>" + DOC;

        assertThat(scan(xml.getBytes(Charset.forName("GBK")))).contains("D=张伟");
        assertThat(scan(("\uFEFF" + DOC).getBytes(StandardCharsets.UTF_16LE))).contains("D=张伟");
    }

    @Test
    void resolvesTheNamespaceOfAPrefixedRoot() {
        XmlScanner sc = scanner("<ns2:Document xmlns:ns2=\"urn:iso:x\"><ns2:A>1</ns2:A></ns2:Document>"
                .getBytes(StandardCharsets.UTF_8));

        assertThat(sc.next()).isEqualTo(XmlScanner.START);
        assertThat(sc.rootNamespace()).isEqualTo("urn:iso:x");
        assertThat(sc.next()).isEqualTo(XmlScanner.START);
        assertThat(sc.name()).isEqualTo("A");
    }

    @Test
    void refusesWhatIsNotWellFormedOrCarriesADtd() {
        assertCode("<a><b></a></b>", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("<a>", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("<a/><b/>", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("<a x=1/>", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("<a>&#0;</a>", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("", IsoProblemCodes.ISO_NOT_READABLE);
        assertCode("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", SecureXml.DOCTYPE_NOT_ALLOWED);
        assertCode("<a>&x;</a>", SecureXml.DOCTYPE_NOT_ALLOWED);
    }

    @Test
    void limitsTheTextOfOneElement() {
        String xml = "<a>" + "x".repeat(5000) + "</a>";

        assertThatThrownBy(() -> scan(xml.getBytes(StandardCharsets.UTF_8), 1000))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(IsoProblemCodes.ISO_NOT_READABLE);
    }

    private static void assertCode(String xml, String code) {
        assertThatThrownBy(() -> scan(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(FormatException.class)
                .extracting(e -> ((FormatException) e).code()).isEqualTo(code);
    }

    private static XmlScanner scanner(byte[] xml) {
        return new XmlScanner(new ByteArrayInputStream(xml), "test.xml", 100_000);
    }

    private static List<String> scan(byte[] xml) {
        return scan(xml, 100_000);
    }

    private static List<String> scan(byte[] xml, int maxText) {
        XmlScanner sc = new XmlScanner(new ByteArrayInputStream(xml), "test.xml", maxText);
        List<String> ends = new ArrayList<>();
        int e;
        while ((e = sc.next()) != XmlScanner.EOF) {
            if (e == XmlScanner.START && sc.name().equals("C")) {
                assertThat(sc.attribute("Ccy")).isEqualTo("CNY");
            }
            if (e == XmlScanner.END) {
                ends.add(sc.name() + "=" + (sc.name().equals("Document") ? "" : sc.text()));
            }
        }
        return ends;
    }
}
