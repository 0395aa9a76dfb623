package org.jincai.formats.iso20022;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Generated and mutated ISO 20022 documents for {@link IsoDifferentialTest}: camt.053 (.02 and .08 forms),
 * pain.001.001.09 and pain.002.001.10 with random content (Chinese names, XML-special characters,
 * characters outside the BMP), each serialized in a random style (default namespace or a prefix, a
 * namespace re-declared below the root, no namespace at all; entity and character references, CDATA,
 * comments inside text, indentation inside leaves, CRLF; UTF-8 with or without BOM, UTF-16 LE/BE, GBK,
 * GB18030; elements of foreign namespaces, supplementary data) and, for about a third of them, broken by
 * one mutation that makes most of them not well-formed. Deterministic for a seed.
 */
final class DifferentialCorpus {

    static final String FOREIGN = "urn:example:bank-extension";

    /** One document: what it is, how it was made (for a failure message), and its bytes. */
    record Doc(String kind, String recipe, byte[] bytes) {
        @Override
        public String toString() {
            return kind + " " + recipe;
        }
    }

    private static final String[] WORDS = {"张伟", "王芳", "李娜", "工资", "财政局", "2026年11月", "Zhang Wei", "A&B", "<x>",
        "\"q\"", "'a'", "𠀀芳", "€5", "O'Neil", "1>0", "路", "tab\there", "line\nbreak", "#1", "费用"};
    private static final String[] CURRENCIES = {"CNY", "CNY", "CNY", "USD", "EUR", "JPY"};
    private static final Charset GBK = Charset.forName("GBK");
    private static final Charset GB18030 = Charset.forName("GB18030");

    private final Random rnd;

    DifferentialCorpus(long seed) {
        this.rnd = new Random(seed);
    }

    /** {@code n} documents of each kind. */
    List<Doc> documents(int n) {
        List<Doc> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(camt(i % 2 == 0));
            docs.add(pain001());
            docs.add(pain002());
        }
        return docs;
    }

    // ------------------------------------------------------------------ content

    private String word() {
        return WORDS[rnd.nextInt(WORDS.length)];
    }

    private String text(int words) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                b.append(' ');
            }
            b.append(word());
        }
        return b.toString();
    }

    private String amount(String ccy) {
        BigDecimal a = BigDecimal.valueOf(1 + rnd.nextInt(10_000_000), 2);
        return "JPY".equals(ccy) ? a.setScale(0, java.math.RoundingMode.DOWN).add(BigDecimal.ONE).toPlainString()
                : a.toPlainString();
    }

    private String id(String prefix) {
        return prefix + (100000 + rnd.nextInt(900000));
    }

    private Doc camt(boolean v08) {
        Style st = style("urn:iso:std:iso:20022:tech:xsd:camt.053.001." + (v08 ? "08" : "02"));
        W w = new W(st);
        w.open("Document", true);
        w.open("BkToCstmrStmt");
        w.open("GrpHdr");
        w.leaf("MsgId", id("MSG"));
        w.leaf("CreDtTm", "2026-12-01T18:00:00+08:00");
        w.close("GrpHdr");
        int statements = 1 + rnd.nextInt(2);
        for (int s = 0; s < statements; s++) {
            w.open("Stmt", st.redeclare);
            w.leaf("Id", id("STMT"));
            w.leaf("CreDtTm", "2026-12-01T18:00:00+08:00");
            int entries = rnd.nextInt(5);
            for (int e = 0; e < entries; e++) {
                if (st.foreign && rnd.nextInt(4) == 0) {
                    w.foreign("Ntry", "<Amt Ccy=\"CNY\">999.99</Amt><CdtDbtInd>DBIT</CdtDbtInd><Sts>BOOK</Sts>");
                }
                entry(w, v08, st);
            }
            if (st.foreign && rnd.nextBoolean()) {
                w.supplementary("<Ntry xmlns=\"" + st.namespace + "\"><Amt Ccy=\"CNY\">5.00</Amt>"
                        + "<CdtDbtInd>CRDT</CdtDbtInd></Ntry>");
            }
            w.close("Stmt");
        }
        w.close("BkToCstmrStmt");
        w.close("Document");
        return finish("camt.053." + (v08 ? "08" : "02"), st, w);
    }

    private void entry(W w, boolean v08, Style st) {
        String ccy = CURRENCIES[rnd.nextInt(CURRENCIES.length)];
        w.open("Ntry");
        if (rnd.nextBoolean()) {
            w.leaf("NtryRef", id("R"));
        }
        if (st.foreign && rnd.nextInt(3) == 0) {
            w.foreign("Amt", "1.00");
        }
        w.leaf("Amt", "Ccy", ccy, amount(ccy));
        w.leaf("CdtDbtInd", rnd.nextBoolean() ? "DBIT" : "CRDT");
        String status = new String[] {"BOOK", "PDNG", "INFO"}[rnd.nextInt(3)];
        if (v08) {
            w.open("Sts");
            w.leaf("Cd", status);
            w.close("Sts");
        } else {
            w.leaf("Sts", status);
        }
        w.open("BookgDt");
        w.leaf("Dt", "2026-12-0" + (1 + rnd.nextInt(9)));
        w.close("BookgDt");
        w.leaf("AcctSvcrRef", id("BK"));
        int txs = rnd.nextInt(3);
        if (txs > 0) {
            w.open("NtryDtls");
            for (int t = 0; t < txs; t++) {
                w.open("TxDtls");
                w.open("Refs");
                w.leaf("EndToEndId", id("PAY"));
                w.close("Refs");
                if (rnd.nextBoolean()) {
                    w.leaf("Amt", "Ccy", ccy, amount(ccy));
                }
                w.open("RltdPties");
                w.open("Cdtr");
                if (v08) {
                    w.open("Pty");
                    w.leaf("Nm", text(1 + rnd.nextInt(2)));
                    w.close("Pty");
                } else {
                    w.leaf("Nm", text(1 + rnd.nextInt(2)));
                }
                w.close("Cdtr");
                w.close("RltdPties");
                if (st.foreign && rnd.nextInt(3) == 0) {
                    w.foreign("RmtInf", "<Ustrd>not ours</Ustrd>");
                }
                int lines = rnd.nextInt(3);
                if (lines > 0) {
                    w.open("RmtInf");
                    for (int l = 0; l < lines; l++) {
                        w.leaf("Ustrd", text(1 + rnd.nextInt(3)));
                    }
                    w.close("RmtInf");
                }
                w.close("TxDtls");
            }
            w.close("NtryDtls");
        }
        if (rnd.nextBoolean()) {
            w.leaf("AddtlNtryInf", text(2));
        }
        w.close("Ntry");
    }

    private Doc pain001() {
        Style st = style(Pain001Reader.NAMESPACE_V09);
        W w = new W(st);
        w.open("Document", true);
        w.open("CstmrCdtTrfInitn");
        w.open("GrpHdr");
        w.leaf("MsgId", id("PAYROLL"));
        w.leaf("CreDtTm", "2026-11-30T09:15:00+08:00");
        w.close("GrpHdr");
        int blocks = 1 + rnd.nextInt(2);
        for (int b = 0; b < blocks; b++) {
            w.open("PmtInf", st.redeclare);
            w.leaf("PmtInfId", id("BLOCK"));
            int credits = 1 + rnd.nextInt(4);
            for (int c = 0; c < credits; c++) {
                if (st.foreign && rnd.nextInt(4) == 0) {
                    w.foreign("CdtTrfTxInf", "<PmtId><EndToEndId>F1</EndToEndId></PmtId>");
                }
                String ccy = rnd.nextInt(4) == 0 ? "USD" : "CNY";
                w.open("CdtTrfTxInf");
                w.open("PmtId");
                w.leaf("EndToEndId", id("PAY"));
                w.close("PmtId");
                w.open("Amt");
                w.leaf("InstdAmt", "Ccy", ccy, amount(ccy));
                w.close("Amt");
                w.open("Cdtr");
                w.leaf("Nm", text(1 + rnd.nextInt(2)));
                w.close("Cdtr");
                w.open("CdtrAcct");
                w.open("Id");
                w.open("Othr");
                w.leaf("Id", "6222" + (100000000 + rnd.nextInt(900000000)));
                w.close("Othr");
                w.close("Id");
                w.close("CdtrAcct");
                if (rnd.nextBoolean()) {
                    w.open("RmtInf");
                    w.leaf("Ustrd", text(2));
                    w.close("RmtInf");
                }
                w.close("CdtTrfTxInf");
            }
            w.close("PmtInf");
        }
        w.close("CstmrCdtTrfInitn");
        w.close("Document");
        return finish("pain.001.001.09", st, w);
    }

    private Doc pain002() {
        Style st = style(Pain002Reader.NAMESPACE_V10);
        W w = new W(st);
        w.open("Document", true);
        w.open("CstmrPmtStsRpt");
        w.open("GrpHdr");
        w.leaf("MsgId", id("STS"));
        w.leaf("CreDtTm", "2026-12-01T10:00:00+08:00");
        w.close("GrpHdr");
        w.open("OrgnlGrpInfAndSts");
        w.leaf("OrgnlMsgId", id("PAYROLL"));
        w.leaf("OrgnlMsgNmId", "pain.001.001.09");
        if (rnd.nextBoolean()) {
            w.leaf("GrpSts", "PART");
        }
        w.close("OrgnlGrpInfAndSts");
        w.open("OrgnlPmtInfAndSts", st.redeclare);
        w.leaf("OrgnlPmtInfId", id("BLOCK"));
        int txs = rnd.nextInt(4);
        for (int t = 0; t < txs; t++) {
            if (st.foreign && rnd.nextInt(3) == 0) {
                w.foreign("TxInfAndSts", "<OrgnlEndToEndId>F1</OrgnlEndToEndId><TxSts>RJCT</TxSts>");
            }
            w.open("TxInfAndSts");
            w.leaf("OrgnlEndToEndId", id("PAY"));
            boolean rejected = rnd.nextBoolean();
            w.leaf("TxSts", rejected ? "RJCT" : "ACCP");
            if (rejected) {
                w.open("StsRsnInf");
                w.open("Rsn");
                w.leaf("Cd", "AC04");
                w.close("Rsn");
                int lines = rnd.nextInt(3);
                for (int l = 0; l < lines; l++) {
                    w.leaf("AddtlInf", text(2));
                }
                w.close("StsRsnInf");
            }
            w.close("TxInfAndSts");
        }
        w.close("OrgnlPmtInfAndSts");
        w.close("CstmrPmtStsRpt");
        w.close("Document");
        return finish("pain.002.001.10", st, w);
    }

    // ------------------------------------------------------------------ style

    /** How one document is written. */
    private static final class Style {
        String namespace;
        String prefix;
        boolean redeclare;
        boolean foreign;
        char quote;
        String newline;
        boolean indent;
        Charset charset;
        boolean bom;
        boolean declaration;
    }

    private Style style(String namespace) {
        Style s = new Style();
        s.namespace = rnd.nextInt(12) == 0 ? "" : namespace;
        s.prefix = s.namespace.isEmpty() || rnd.nextBoolean() ? null : rnd.nextBoolean() ? "i" : "ns2";
        s.redeclare = !s.namespace.isEmpty() && rnd.nextInt(4) == 0;
        s.foreign = rnd.nextInt(3) == 0;
        s.quote = rnd.nextBoolean() ? '"' : '\'';
        s.newline = rnd.nextBoolean() ? "\n" : "\r\n";
        s.indent = rnd.nextBoolean();
        Charset[] charsets = {StandardCharsets.UTF_8, StandardCharsets.UTF_8, StandardCharsets.UTF_16LE,
            StandardCharsets.UTF_16BE, GBK, GB18030};
        s.charset = charsets[rnd.nextInt(charsets.length)];
        boolean utf8 = s.charset == StandardCharsets.UTF_8;
        s.bom = !utf8 && s.charset.name().startsWith("UTF-16") || utf8 && rnd.nextBoolean();
        s.declaration = !utf8 || rnd.nextBoolean();
        return s;
    }

    /** Writes elements in the document's style; text escaped in a random way that XML reads back the same. */
    private final class W {
        private final Style st;
        private final CharsetEncoder encoder;
        private final StringBuilder b = new StringBuilder();
        private int depth;

        W(Style st) {
            this.st = st;
            this.encoder = st.charset.newEncoder();
        }

        private String qname(String name) {
            return st.prefix == null ? name : st.prefix + ":" + name;
        }

        private String xmlns() {
            if (st.namespace.isEmpty()) {
                return "";
            }
            return (st.prefix == null ? " xmlns=" : " xmlns:" + st.prefix + "=") + st.quote + st.namespace + st.quote;
        }

        private void breakLine() {
            if (st.indent) {
                b.append(st.newline).append("  ".repeat(depth));
            }
        }

        void open(String name) {
            open(name, false);
        }

        void open(String name, boolean declareNamespace) {
            breakLine();
            b.append('<').append(qname(name));
            if (declareNamespace) {
                b.append(xmlns());
                if (rnd.nextInt(5) == 0) {
                    b.append(" xmlns:xsi=").append(st.quote).append("http://www.w3.org/2001/XMLSchema-instance")
                            .append(st.quote);
                }
            }
            b.append('>');
            depth++;
        }

        void close(String name) {
            depth--;
            breakLine();
            b.append("</").append(qname(name)).append('>');
        }

        void leaf(String name, String value) {
            leaf(name, null, null, value);
        }

        void leaf(String name, String attribute, String attributeValue, String value) {
            breakLine();
            b.append('<').append(qname(name));
            if (attribute != null) {
                b.append(' ').append(attribute).append(rnd.nextInt(4) == 0 ? " = " : "=").append(st.quote);
                escape(attributeValue, true);
                b.append(st.quote);
            }
            b.append('>');
            if (rnd.nextInt(6) == 0) {
                // whitespace around a value is not part of it
                b.append(st.newline).append("   ");
            }
            text(value);
            if (rnd.nextInt(6) == 0) {
                b.append(st.newline);
            }
            b.append("</").append(qname(name)).append('>');
        }

        /** An element of another namespace, with its content in that namespace, in one of two spellings. */
        void foreign(String name, String content) {
            breakLine();
            if (rnd.nextBoolean()) {
                b.append('<').append(name).append(" xmlns=\"").append(FOREIGN).append("\">").append(content)
                        .append("</").append(name).append('>');
            } else {
                b.append("<o:").append(name).append(" xmlns:o=\"").append(FOREIGN).append("\">")
                        .append(content.replaceAll("<(/?)([A-Za-z])", "<$1o:$2")).append("</o:").append(name).append('>');
            }
        }

        void supplementary(String any) {
            open("SplmtryData");
            open("Envlp");
            breakLine();
            b.append("<x:Ext xmlns:x=\"").append(FOREIGN).append("\">").append(any).append("</x:Ext>");
            close("Envlp");
            close("SplmtryData");
        }

        private void text(String value) {
            int style = rnd.nextInt(5);
            if (style == 0 && encoder.canEncode(value) && !value.contains("]]>") && !value.contains("\r")) {
                b.append("<![CDATA[").append(value).append("]]>");
                return;
            }
            if (style == 1 && value.length() > 1) {
                int cut = value.offsetByCodePoints(0, 1);
                escape(value.substring(0, cut), false);
                b.append(rnd.nextBoolean() ? "<!-- split -->" : "<?pi here?>");
                escape(value.substring(cut), false);
                return;
            }
            escape(value, false);
        }

        private void escape(String value, boolean attribute) {
            boolean references = rnd.nextInt(4) == 0;
            value.codePoints().forEach(cp -> {
                String ch = new String(Character.toChars(cp));
                if (cp == '&') {
                    b.append("&amp;");
                } else if (cp == '<') {
                    b.append("&lt;");
                } else if (cp == '>' && rnd.nextBoolean()) {
                    b.append("&gt;");
                } else if (cp == st.quote && attribute) {
                    b.append(cp == '"' ? "&quot;" : "&apos;");
                } else if (attribute && (cp == '\t' || cp == '\n')) {
                    b.append("&#").append(cp).append(';');
                } else if (cp == '\n' && "\r\n".equals(st.newline)) {
                    // a raw CR LF is read as LF, which is what the value holds
                    b.append("\r\n");
                } else if (!encoder.canEncode(ch) || references && cp > 0x7F) {
                    b.append(rnd.nextBoolean() ? "&#x" + Integer.toHexString(cp) + ";" : "&#" + cp + ";");
                } else {
                    b.append(ch);
                }
            });
        }
    }

    // ------------------------------------------------------------------ bytes and mutations

    private Doc finish(String kind, Style st, W w) {
        String body = w.b.toString();
        String recipe = "ns=" + (st.namespace.isEmpty() ? "none" : st.prefix == null ? "default" : st.prefix)
                + (st.redeclare ? "+redeclared" : "") + (st.foreign ? " foreign" : "") + " " + st.charset.name()
                + (st.bom ? "+BOM" : "") + (st.declaration ? "" : " no-declaration") + ("\r\n".equals(st.newline) ? " CRLF" : "");
        String mutation = null;
        if (rnd.nextInt(3) == 0) {
            int m = rnd.nextInt(15);
            mutation = MUTATIONS[m];
            body = mutate(m, body);
        }
        String declared = st.charset == StandardCharsets.UTF_16LE || st.charset == StandardCharsets.UTF_16BE ? "UTF-16"
                : st.charset.name();
        String xml = (st.declaration ? "<?xml version=\"1.0\" encoding=\"" + declared + "\"?>" + st.newline : "") + body;
        if (mutation != null && mutation.equals("doctype")) {
            xml = xml.replaceFirst("<([A-Za-z0-9]+:)?Document", "<!DOCTYPE Document [<!ENTITY e \"x\">]>$0");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (st.bom) {
            out.writeBytes("\uFEFF".getBytes(st.charset));
        }
        out.writeBytes(xml.getBytes(st.charset));
        byte[] bytes = out.toByteArray();
        if ("bad-byte".equals(mutation) && st.charset == StandardCharsets.UTF_8) {
            int at = bytes.length - 2;
            while (at > 0 && !(bytes[at] == '<' && bytes[at + 1] == '/')) {
                at--;
            }
            bytes[Math.max(0, at - 1)] = (byte) 0xFF;
        }
        return new Doc(kind, recipe + (mutation == null ? "" : " mutation=" + mutation), bytes);
    }

    private static final String[] MUTATIONS = {"undeclared-prefix", "bad-name", "cdata-end-in-text",
        "attributes-without-space", "duplicate-attribute", "truncated", "mismatched-tag", "undeclared-entity", "doctype",
        "control-character", "lt-in-attribute", "second-root", "bad-byte", "bad-character-reference", "undeclare-prefix"};

    /** Somewhere inside an element's content: just before a random end tag. */
    private int inside(String body) {
        List<Integer> ends = new ArrayList<>();
        for (int i = body.indexOf("</"); i >= 0; i = body.indexOf("</", i + 2)) {
            ends.add(i);
        }
        return ends.get(rnd.nextInt(ends.size()));
    }

    private static String insert(String s, int at, String what) {
        return s.substring(0, at) + what + s.substring(at);
    }

    private String mutate(int m, String body) {
        return switch (m) {
            case 0 -> insert(body, inside(body), "<q:X/>");
            case 1 -> insert(body, inside(body), "<Bad(Name>1</Bad(Name>");
            case 2 -> insert(body, inside(body), "a ]]> b");
            case 3 -> body.contains(" Ccy=") ? body.replaceFirst(" Ccy=", " x=\"1\"Ccy=") : insert(body, inside(body),
                    "<E a=\"1\"b=\"2\"/>");
            case 4 -> body.contains(" Ccy=") ? body.replaceFirst(" Ccy=", " Ccy=\"X\" Ccy=") : insert(body, inside(body),
                    "<E a=\"1\" a=\"2\"/>");
            case 5 -> body.substring(0, 1 + rnd.nextInt(body.length() - 2));
            case 6 -> {
                int at = inside(body);
                yield insert(body, at + 2, "Z");
            }
            case 7 -> insert(body, inside(body), "&undefined;");
            case 8, 12 -> body;
            case 9 -> insert(body, inside(body), "\u0001");
            case 10 -> body.contains(" Ccy=") ? body.replaceFirst(" Ccy=([\"'])", " Ccy=$1<") : insert(body, inside(body),
                    "<E a=\"<\"/>");
            case 11 -> body + "<Document/>";
            case 13 -> insert(body, inside(body), "&#xFFFE;");
            default -> body.replaceFirst("<([A-Za-z0-9]+:)?GrpHdr", "<$1GrpHdr xmlns:z=\"\"");
        };
    }
}
