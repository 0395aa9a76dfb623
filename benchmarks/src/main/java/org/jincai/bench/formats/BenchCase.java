package org.jincai.bench.formats;

import com.prowidesoftware.swift.model.mx.MinimumEscapeHandler;
import com.prowidesoftware.swift.model.mx.MxCamt05300108;
import com.prowidesoftware.swift.model.mx.MxPain00100109;
import com.prowidesoftware.swift.model.mx.MxWriteParams;
import com.prowidesoftware.swift.model.mx.dic.AccountIdentification4Choice;
import com.prowidesoftware.swift.model.mx.dic.AccountStatement9;
import com.prowidesoftware.swift.model.mx.dic.ActiveOrHistoricCurrencyAndAmount;
import com.prowidesoftware.swift.model.mx.dic.AmountType4Choice;
import com.prowidesoftware.swift.model.mx.dic.BranchAndFinancialInstitutionIdentification6;
import com.prowidesoftware.swift.model.mx.dic.CashAccount38;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemIdentification2Choice;
import com.prowidesoftware.swift.model.mx.dic.ClearingSystemMemberIdentification2;
import com.prowidesoftware.swift.model.mx.dic.CreditTransferTransaction34;
import com.prowidesoftware.swift.model.mx.dic.CustomerCreditTransferInitiationV09;
import com.prowidesoftware.swift.model.mx.dic.DateAndDateTime2Choice;
import com.prowidesoftware.swift.model.mx.dic.FinancialInstitutionIdentification18;
import com.prowidesoftware.swift.model.mx.dic.GenericAccountIdentification1;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader85;
import com.prowidesoftware.swift.model.mx.dic.PartyIdentification135;
import com.prowidesoftware.swift.model.mx.dic.PaymentIdentification6;
import com.prowidesoftware.swift.model.mx.dic.PaymentInstruction30;
import com.prowidesoftware.swift.model.mx.dic.PaymentMethod3Code;
import com.prowidesoftware.swift.model.mx.dic.RemittanceInformation16;
import com.prowidesoftware.swift.model.mx.dic.ReportEntry10;
import com.ctc.wstx.stax.WstxOutputFactory;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.jincai.formats.iso20022.CamtReader;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.IsoReadOptions;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import javax.xml.stream.XMLStreamWriter;
import org.jincai.formats.iso20022.Pain001GroupHeader;
import org.jincai.formats.iso20022.Pain001PaymentHeader;
import org.jincai.formats.iso20022.Pain001StreamWriter;
import org.jincai.formats.iso20022.Pain001Version;
import org.jincai.formats.iso20022.Pain001WriteOptions;
import org.jincai.formats.xml.SecureXml;

/**
 * One benchmark case in its own JVM: {@code BenchCase CASE N PATH}, where CASE is
 * {@code write-hub | write-bare | write-prowide | write-floor} (PATH: the folder to write {@code CASE-N.xml} to) or
 * {@code read-hub | read-bare | read-prowide} (PATH: the camt.053.001.08 to read). The bare cases are the same
 * StAX implementation as the hub's (Woodstox) doing the least: writing the same elements through an
 * {@code XMLStreamWriter}, or counting {@code Ntry} and summing their {@code Amt} in one pass. Below 1,000,000 the operation
 * runs once to warm the JIT and three times timed (the median is reported); at 1,000,000 once, timed. It prints one line,
 * {@code BENCH-RESULT case=.. n=.. millis=.. rssPeakKb=.. heapPeakMb=.. items=.. sum=.. bytes=.. sha256=..},
 * or {@code BENCH-FAILED case=.. n=.. reason=...} (an OutOfMemoryError or Prowide's refusal included)
 * and exits 0 or 3.
 */
public final class BenchCase {

    private static final String PAIN_001_09 = "urn:iso:std:iso:20022:tech:xsd:pain.001.001.09";
    /** The writer of the bare pass: Woodstox, the StAX implementation the hub reads with. */
    private static final XMLOutputFactory OUTPUT = new WstxOutputFactory();

    /** Timed runs below a million, after one warm-up; the median is reported. */
    static final int TIMED_RUNS = 3;

    private BenchCase() {
    }

    public static void main(String[] args) {
        if (args.length != 3) {
            System.err.println("usage: BenchCase write-hub|write-bare|write-prowide|write-floor|read-hub|read-bare|read-prowide"
                    + " N PATH");
            System.exit(2);
        }
        String name = args[0];
        int n = Integer.parseInt(args[1]);
        Path path = Path.of(args[2]);
        try {
            Outcome warm = null;
            if (n < 1_000_000) {
                warm = run(name, n, path);
            }
            Outcome o = null;
            long[] times = new long[n < 1_000_000 ? TIMED_RUNS : 1];
            for (int i = 0; i < times.length; i++) {
                long start = System.nanoTime();
                o = run(name, n, path);
                times[i] = (System.nanoTime() - start) / 1_000_000;
            }
            java.util.Arrays.sort(times);
            long millis = times[times.length / 2];
            long rss = vmHwmKb();
            long heap = heapPeakMb();
            String sha = o.file == null ? "-" : sha256(o.file);
            if (warm != null && warm.file != null && !warm.file.equals(o.file)) {
                Files.deleteIfExists(warm.file);
            }
            System.out.println("BENCH-RESULT case=" + name + " n=" + n + " millis=" + millis + " rssPeakKb=" + rss
                    + " heapPeakMb=" + heap + " items=" + o.items + " sum=" + o.sum.toPlainString() + " bytes=" + o.bytes
                    + " sha256=" + sha);
            System.exit(0);
        } catch (Throwable t) {
            String reason = t.getClass().getSimpleName() + ": " + String.valueOf(t.getMessage()).replace('\n', ' ');
            System.out.println("BENCH-FAILED case=" + name + " n=" + n + " rssPeakKb=" + vmHwmKb() + " reason=" + reason);
            System.exit(3);
        }
    }

    private record Outcome(long items, BigDecimal sum, long bytes, Path file) {
    }

    private static Outcome run(String name, int n, Path path) throws IOException {
        return switch (name) {
            case "write-hub" -> writeHub(n, path.resolve(name + "-" + n + ".xml"));
            case "write-prowide" -> writeProwide(n, path.resolve(name + "-" + n + ".xml"));
            case "write-floor" -> writeFloor(n, path.resolve(name + "-" + n + ".xml"));
            case "write-bare" -> writeBare(n, path.resolve(name + "-" + n + ".xml"));
            case "read-hub" -> readHub(path);
            case "read-bare" -> readBare(path);
            case "read-prowide" -> readProwide(path);
            default -> throw new IllegalArgumentException("unknown case " + name);
        };
    }

    // ------------------------------------------------------------------ writers

    private static Outcome writeHub(int n, Path file) throws IOException {
        Pain001GroupHeader header = BenchData.groupHeader(n);
        try (OutputStream out = Files.newOutputStream(file);
             Pain001StreamWriter w = Pain001StreamWriter.open(out, Pain001WriteOptions.of(Pain001Version.V09), header)) {
            w.paymentInformation(BenchData.paymentHeader(n, header.controlSum()), BenchData.credits(n));
            long bytes = w.finish();
            return new Outcome(w.transactionsWritten(), header.controlSum(), bytes, file);
        }
    }

    private static Outcome writeFloor(int n, Path file) throws IOException {
        Pain001GroupHeader header = BenchData.groupHeader(n);
        try (OutputStream out = Files.newOutputStream(file)) {
            TemplatePain001Writer.write(out, header, BenchData.paymentHeader(n, header.controlSum()), BenchData.credits(n));
        }
        return new Outcome(n, header.controlSum(), Files.size(file), file);
    }

    /**
     * The bare pass of the writer: Woodstox's {@code XMLStreamWriter} writing the elements the hub's writer
     * writes, from the same credits, with no check of any value and no indentation.
     */
    private static Outcome writeBare(int n, Path file) throws IOException {
        Pain001GroupHeader h = BenchData.groupHeader(n);
        Pain001PaymentHeader p = BenchData.paymentHeader(n, h.controlSum());
        long count = 0;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            XMLStreamWriter w = OUTPUT.createXMLStreamWriter(out, "UTF-8");
            w.writeStartDocument("UTF-8", "1.0");
            w.writeStartElement("Document");
            w.writeDefaultNamespace(PAIN_001_09);
            w.writeStartElement("CstmrCdtTrfInitn");
            w.writeStartElement("GrpHdr");
            leaf(w, "MsgId", h.messageId());
            leaf(w, "CreDtTm", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(h.creationDateTime()));
            leaf(w, "NbOfTxs", Long.toString(h.numberOfTransactions()));
            leaf(w, "CtrlSum", h.controlSum().toPlainString());
            w.writeStartElement("InitgPty");
            leaf(w, "Nm", h.initiatingPartyName());
            w.writeEndElement();
            w.writeEndElement();
            w.writeStartElement("PmtInf");
            leaf(w, "PmtInfId", p.paymentInformationId());
            leaf(w, "PmtMtd", "TRF");
            leaf(w, "BtchBookg", String.valueOf(p.batchBooking()));
            leaf(w, "NbOfTxs", Long.toString(p.numberOfTransactions()));
            leaf(w, "CtrlSum", p.controlSum().toPlainString());
            w.writeStartElement("ReqdExctnDt");
            leaf(w, "Dt", p.requestedExecutionDate().toString());
            w.writeEndElement();
            w.writeStartElement("Dbtr");
            leaf(w, "Nm", p.debtorName());
            w.writeEndElement();
            account(w, "DbtrAcct", p.debtorAccount());
            agent(w, "DbtrAgt", p.debtorAgentMemberId(), null);
            Iterator<CreditTransferTransaction> it = BenchData.credits(n);
            while (it.hasNext()) {
                CreditTransferTransaction t = it.next();
                w.writeStartElement("CdtTrfTxInf");
                w.writeStartElement("PmtId");
                leaf(w, "InstrId", t.instructionId());
                leaf(w, "EndToEndId", t.endToEndId());
                w.writeEndElement();
                w.writeStartElement("Amt");
                w.writeStartElement("InstdAmt");
                w.writeAttribute("Ccy", t.currency());
                w.writeCharacters(t.amount().toPlainString());
                w.writeEndElement();
                w.writeEndElement();
                agent(w, "CdtrAgt", t.creditorAgentMemberId(), t.creditorAgentName());
                w.writeStartElement("Cdtr");
                leaf(w, "Nm", t.creditorName());
                w.writeEndElement();
                account(w, "CdtrAcct", t.creditorAccount());
                w.writeStartElement("RmtInf");
                leaf(w, "Ustrd", t.remittanceInformation());
                w.writeEndElement();
                w.writeEndElement();
                count++;
            }
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndElement();
            w.writeEndDocument();
            w.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return new Outcome(count, h.controlSum(), Files.size(file), file);
    }

    private static void leaf(XMLStreamWriter w, String name, String text) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeCharacters(text);
        w.writeEndElement();
    }

    private static void account(XMLStreamWriter w, String name, String number) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeStartElement("Id");
        w.writeStartElement("Othr");
        leaf(w, "Id", number);
        w.writeEndElement();
        w.writeEndElement();
        w.writeEndElement();
    }

    private static void agent(XMLStreamWriter w, String name, String member, String bankName) throws XMLStreamException {
        w.writeStartElement(name);
        w.writeStartElement("FinInstnId");
        w.writeStartElement("ClrSysMmbId");
        w.writeStartElement("ClrSysId");
        leaf(w, "Cd", "CNAPS");
        w.writeEndElement();
        leaf(w, "MmbId", member);
        w.writeEndElement();
        if (bankName != null) {
            leaf(w, "Nm", bankName);
        }
        w.writeEndElement();
        w.writeEndElement();
    }

    /** Prowide's object model, as the issue asks: build {@code MxPain00100109}, then {@code document()}. */
    private static Outcome writeProwide(int n, Path file) throws IOException {
        Pain001GroupHeader header = BenchData.groupHeader(n);
        PaymentInstruction30 block = new PaymentInstruction30()
                .setPmtInfId(BenchData.MESSAGE_ID + "-1")
                .setPmtMtd(PaymentMethod3Code.TRF)
                .setBtchBookg(true)
                .setNbOfTxs(Integer.toString(n))
                .setCtrlSum(header.controlSum())
                .setReqdExctnDt(new DateAndDateTime2Choice().setDt(BenchData.EXECUTION))
                .setDbtr(new PartyIdentification135().setNm(BenchData.PAYER_NAME))
                .setDbtrAcct(account(BenchData.PAYER_ACCOUNT))
                .setDbtrAgt(agent(BenchData.PAYER_BANK, null));
        Iterator<CreditTransferTransaction> it = BenchData.credits(n);
        while (it.hasNext()) {
            CreditTransferTransaction t = it.next();
            block.addCdtTrfTxInf(new CreditTransferTransaction34()
                    .setPmtId(new PaymentIdentification6().setInstrId(t.instructionId()).setEndToEndId(t.endToEndId()))
                    .setAmt(new AmountType4Choice().setInstdAmt(new ActiveOrHistoricCurrencyAndAmount()
                            .setValue(t.amount()).setCcy(t.currency())))
                    .setCdtrAgt(agent(t.creditorAgentMemberId(), t.creditorAgentName()))
                    .setCdtr(new PartyIdentification135().setNm(t.creditorName()))
                    .setCdtrAcct(account(t.creditorAccount()))
                    .setRmtInf(new RemittanceInformation16().addUstrd(t.remittanceInformation())));
        }
        CustomerCreditTransferInitiationV09 doc = new CustomerCreditTransferInitiationV09()
                .setGrpHdr(new GroupHeader85().setMsgId(header.messageId()).setCreDtTm(header.creationDateTime())
                        .setNbOfTxs(Long.toString(header.numberOfTransactions())).setCtrlSum(header.controlSum())
                        .setInitgPty(new PartyIdentification135().setNm(header.initiatingPartyName())))
                .addPmtInf(block);
        MxPain00100109 mx = new MxPain00100109().setCstmrCdtTrfInitn(doc);
        MxWriteParams params = new MxWriteParams();
        params.prefix = null;
        params.includeXMLDeclaration = true;
        params.escapeHandler = new MinimumEscapeHandler();
        String xml = mx.document(params);
        if (xml == null) {
            throw new IllegalStateException("Prowide's document() returned null (it logs and gives up when JAXB fails)");
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
        }
        return new Outcome(block.getCdtTrfTxInf().size(), header.controlSum(), Files.size(file), file);
    }

    private static CashAccount38 account(String number) {
        return new CashAccount38().setId(new AccountIdentification4Choice().setOthr(new GenericAccountIdentification1().setId(number)));
    }

    private static BranchAndFinancialInstitutionIdentification6 agent(String member, String name) {
        FinancialInstitutionIdentification18 fi = new FinancialInstitutionIdentification18()
                .setClrSysMmbId(new ClearingSystemMemberIdentification2()
                        .setClrSysId(new ClearingSystemIdentification2Choice().setCd("CNAPS")).setMmbId(member));
        if (name != null) {
            fi.setNm(name);
        }
        return new BranchAndFinancialInstitutionIdentification6().setFinInstnId(fi);
    }

    // ------------------------------------------------------------------ readers

    private static Outcome readHub(Path file) {
        long[] count = {0, 0};
        BigDecimal[] sum = {BigDecimal.ZERO};
        CamtReader.Result r = CamtReader.camt053(IsoReadOptions.lenientUnchecked()).read(file, (statement, entry) -> {
            count[0]++;
            count[1] += entry.transactions().size();
            sum[0] = sum[0].add(entry.creditDebit() == CreditDebit.DBIT ? entry.amount().negate() : entry.amount());
        });
        if (!r.valid()) {
            throw new IllegalStateException("the hub's reader found errors: " + r.errors());
        }
        return new Outcome(count[0], sum[0], Files.isRegularFile(file) ? size(file) : 0, null);
    }

    /**
     * The bare pass of the reader: the hub's StAX parser, made the same way ({@link SecureXml}), counting
     * {@code Ntry} elements and summing the {@code Amt} directly under each, and nothing else.
     */
    private static Outcome readBare(Path file) throws IOException {
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        StringBuilder text = new StringBuilder();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            XMLStreamReader r = SecureXml.newReader(in, file.getFileName().toString());
            int depth = 0;
            int entryDepth = -1;
            boolean amount = false;
            while (r.hasNext()) {
                switch (r.next()) {
                    case XMLStreamConstants.START_ELEMENT -> {
                        depth++;
                        String name = r.getLocalName();
                        if (name.equals("Ntry")) {
                            count++;
                            entryDepth = depth;
                        } else if (depth == entryDepth + 1 && name.equals("Amt")) {
                            amount = true;
                            text.setLength(0);
                        }
                    }
                    case XMLStreamConstants.CHARACTERS -> {
                        if (amount) {
                            text.append(r.getTextCharacters(), r.getTextStart(), r.getTextLength());
                        }
                    }
                    case XMLStreamConstants.END_ELEMENT -> {
                        if (amount) {
                            sum = sum.add(new BigDecimal(text.toString().trim()));
                            amount = false;
                        }
                        if (depth == entryDepth) {
                            entryDepth = -1;
                        }
                        depth--;
                    }
                    default -> {
                        // the bare pass looks at nothing else
                    }
                }
            }
            r.close();
        } catch (XMLStreamException e) {
            throw new IOException(e);
        }
        return new Outcome(count, sum, size(file), null);
    }

    /** Prowide's {@code parse}: the whole file as one String, the whole model in memory. */
    private static Outcome readProwide(Path file) throws IOException {
        String xml = Files.readString(file, StandardCharsets.UTF_8);
        MxCamt05300108 mx = MxCamt05300108.parse(xml);
        xml = null;
        if (mx == null || mx.getBkToCstmrStmt() == null) {
            throw new IllegalStateException("MxCamt05300108.parse returned null (Prowide logs and gives up)");
        }
        long count = 0;
        BigDecimal sum = BigDecimal.ZERO;
        for (AccountStatement9 s : mx.getBkToCstmrStmt().getStmt()) {
            for (ReportEntry10 e : s.getNtry()) {
                count++;
                BigDecimal v = e.getAmt().getValue();
                sum = sum.add(e.getCdtDbtInd() == com.prowidesoftware.swift.model.mx.dic.CreditDebitCode.DBIT ? v.negate() : v);
            }
        }
        return new Outcome(count, sum, size(file), null);
    }

    // ------------------------------------------------------------------ measuring

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return -1;
        }
    }

    /** Peak resident set size of this process (VmHWM), in KB; -1 where /proc is not there. */
    static long vmHwmKb() {
        try {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/status"));
            for (String l : lines) {
                if (l.startsWith("VmHWM:")) {
                    return Long.parseLong(l.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /** The sum of the heap pools' peak usage, in MB (an upper bound of the heap's peak). */
    static long heapPeakMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / (1024 * 1024);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            int r;
            while ((r = in.read(buf)) > 0) {
                md.update(buf, 0, r);
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
