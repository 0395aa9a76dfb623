package org.jincai.bank.iso;

import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;
import static org.jincai.bank.file.BankFileErrors.TOTALS_MISMATCH;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;
import org.jincai.bank.file.BankFileException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.IsoXsdValidator;

/**
 * Writes a {@link Camt053Statement} as camt.053.001.08, UTF-8, with a bare
 * {@code <Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.08">}, streamed through the
 * JDK's StAX writer. The simulated ISO bank books accepted credits with it.
 *
 * <p>Before a byte is returned: the closing balance must equal the opening balance plus the entries,
 * each batch's count and total must equal its transactions and its entry's amount (else
 * TOTALS_MISMATCH), and the document must pass the official XSD (else
 * {@value IsoBankErrors#ISO_OUTPUT_INVALID}). The account is a domestic account in {@code Othr/Id},
 * the servicing bank its CNAPS number in {@code ClrSysMmbId}; entries carry bank transaction code
 * PMNT/ICDT/DMCT (domestic credit transfer). Stateless and thread-safe.
 */
public final class Camt053V08Writer {

    public static final String MESSAGE_NAME_ID = "camt.053.001.08";
    public static final String NAMESPACE = "urn:iso:std:iso:20022:tech:xsd:" + MESSAGE_NAME_ID;
    /** ExternalClearingSystemIdentification1Code of China's national payment system. */
    public static final String CLEARING_SYSTEM_CNAPS = "CNAPS";

    private static final DateTimeFormatter DATE_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");
    private static final int MAX_NAME = 140;
    private static final XMLOutputFactory OUTPUT = XMLOutputFactory.newFactory();

    private final IsoXsdValidator validator = new IsoXsdValidator();

    /**
     * @throws BankFileException FIELD_MISSING, TOTALS_MISMATCH, ISO_OUTPUT_INVALID
     */
    public byte[] write(Camt053Statement s) throws BankFileException {
        String at = "camt.053 " + s.messageId();
        check(s, at);
        byte[] xml = render(s);
        List<Problem> problems = validator.validate(xml, MESSAGE_NAME_ID, at);
        if (!problems.isEmpty()) {
            Problem first = problems.get(0);
            throw new BankFileException(IsoBankErrors.ISO_OUTPUT_INVALID, problems.size() + " schema problem(s) in the "
                    + MESSAGE_NAME_ID + "; first: " + first.message(), first.location());
        }
        return xml;
    }

    private static void check(Camt053Statement s, String at) {
        require(s.messageId(), "GrpHdr/MsgId", at);
        require(s.statementId(), "Stmt/Id", at);
        require(s.accountId(), "Stmt/Acct/Id", at);
        require(s.currency(), "Stmt/Acct/Ccy", at);
        if (s.creationDateTime() == null || s.balanceDate() == null || s.openingBalance() == null || s.closingBalance() == null) {
            throw new BankFileException(FIELD_MISSING, "creation time, balance date and both balances are needed", at);
        }
        BigDecimal expected = s.openingBalance().add(s.netMovement());
        if (expected.compareTo(s.closingBalance()) != 0) {
            throw new BankFileException(TOTALS_MISMATCH, "closing balance " + s.closingBalance().toPlainString()
                    + " is not the opening balance " + s.openingBalance().toPlainString() + " plus the entries ("
                    + s.netMovement().toPlainString() + ")", at);
        }
        int index = 0;
        for (Camt053Statement.Entry e : s.entries()) {
            String entryAt = at + " Ntry[" + ++index + "]";
            require(e.accountServicerReference(), "Ntry/AcctSvcrRef", entryAt);
            BigDecimal txTotal = e.transactions().stream().map(Camt053Statement.Transaction::amount)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            if (!e.transactions().isEmpty() && txTotal.compareTo(e.amount()) != 0) {
                throw new BankFileException(TOTALS_MISMATCH, "entry of " + e.amount().toPlainString()
                        + " details transactions totalling " + txTotal.toPlainString(), entryAt);
            }
            Camt053Statement.Batch b = e.batch();
            if (b != null && (b.numberOfTransactions() != e.transactions().size() || b.totalAmount().compareTo(e.amount()) != 0)) {
                throw new BankFileException(TOTALS_MISMATCH, "batch says " + b.numberOfTransactions() + " transaction(s) of "
                        + b.totalAmount().toPlainString() + ", the entry has " + e.transactions().size() + " of "
                        + e.amount().toPlainString(), entryAt);
            }
        }
    }

    private static void require(String value, String element, String at) {
        if (value == null || value.isBlank()) {
            throw new BankFileException(FIELD_MISSING, element + " is empty", at);
        }
    }

    private static byte[] render(Camt053Statement s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048 + 1024 * s.entries().size());
        try {
            Xml x = new Xml(OUTPUT.createXMLStreamWriter(out, "UTF-8"));
            x.w.writeStartDocument("UTF-8", "1.0");
            x.w.writeCharacters("\n");
            x.w.writeStartElement("Document");
            x.w.writeDefaultNamespace(NAMESPACE);
            x.depth++;
            x.start("BkToCstmrStmt");
            x.start("GrpHdr");
            x.leaf("MsgId", s.messageId());
            x.leaf("CreDtTm", DATE_TIME.format(s.creationDateTime()));
            x.end();
            x.start("Stmt");
            x.leaf("Id", s.statementId());
            x.leaf("ElctrncSeqNb", Long.toString(s.electronicSequenceNumber()));
            x.leaf("CreDtTm", DATE_TIME.format(s.creationDateTime()));
            account(x, s);
            balance(x, "OPBD", s.openingBalance(), s.currency(), s.balanceDate());
            balance(x, "CLBD", s.closingBalance(), s.currency(), s.balanceDate());
            summary(x, s);
            for (Camt053Statement.Entry e : s.entries()) {
                entry(x, e, s.currency());
            }
            x.end();
            x.end();
            x.depth--;
            x.newline();
            x.w.writeEndElement();
            x.w.writeCharacters("\n");
            x.w.writeEndDocument();
            x.w.close();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("the JDK's StAX writer failed on an in-memory stream", e);
        }
        return out.toByteArray();
    }

    private static void account(Xml x, Camt053Statement s) throws XMLStreamException {
        x.start("Acct");
        x.start("Id");
        x.start("Othr");
        x.leaf("Id", s.accountId());
        x.end();
        x.end();
        x.leaf("Ccy", s.currency());
        if (present(s.accountOwnerName())) {
            x.start("Ownr");
            x.leaf("Nm", cut(s.accountOwnerName(), MAX_NAME));
            x.end();
        }
        if (present(s.servicerBankNumber())) {
            x.start("Svcr");
            x.start("FinInstnId");
            x.start("ClrSysMmbId");
            x.start("ClrSysId");
            x.leaf("Cd", CLEARING_SYSTEM_CNAPS);
            x.end();
            x.leaf("MmbId", s.servicerBankNumber());
            x.end();
            x.end();
            x.end();
        }
        x.end();
    }

    private static void balance(Xml x, String type, BigDecimal amount, String currency, LocalDate date) throws XMLStreamException {
        x.start("Bal");
        x.start("Tp");
        x.start("CdOrPrtry");
        x.leaf("Cd", type);
        x.end();
        x.end();
        x.amount("Amt", amount.abs(), currency);
        x.leaf("CdtDbtInd", amount.signum() < 0 ? "DBIT" : "CRDT");
        x.start("Dt");
        x.leaf("Dt", date.toString());
        x.end();
        x.end();
    }

    private static void summary(Xml x, Camt053Statement s) throws XMLStreamException {
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal debits = BigDecimal.ZERO;
        int creditCount = 0;
        int debitCount = 0;
        for (Camt053Statement.Entry e : s.entries()) {
            if (e.credit()) {
                credits = credits.add(e.amount());
                creditCount++;
            } else {
                debits = debits.add(e.amount());
                debitCount++;
            }
        }
        BigDecimal net = s.netMovement();
        x.start("TxsSummry");
        x.start("TtlNtries");
        x.leaf("NbOfNtries", Integer.toString(s.entries().size()));
        x.leaf("Sum", plain(credits.add(debits)));
        x.start("TtlNetNtry");
        x.leaf("Amt", plain(net.abs()));
        x.leaf("CdtDbtInd", net.signum() < 0 ? "DBIT" : "CRDT");
        x.end();
        x.end();
        x.start("TtlCdtNtries");
        x.leaf("NbOfNtries", Integer.toString(creditCount));
        x.leaf("Sum", plain(credits));
        x.end();
        x.start("TtlDbtNtries");
        x.leaf("NbOfNtries", Integer.toString(debitCount));
        x.leaf("Sum", plain(debits));
        x.end();
        x.end();
    }

    private static void entry(Xml x, Camt053Statement.Entry e, String currency) throws XMLStreamException {
        x.start("Ntry");
        if (present(e.entryReference())) {
            x.leaf("NtryRef", e.entryReference());
        }
        x.amount("Amt", e.amount(), currency);
        x.leaf("CdtDbtInd", e.credit() ? "CRDT" : "DBIT");
        x.start("Sts");
        x.leaf("Cd", "BOOK");
        x.end();
        x.start("BookgDt");
        x.leaf("Dt", e.bookingDate().toString());
        x.end();
        x.start("ValDt");
        x.leaf("Dt", e.valueDate().toString());
        x.end();
        x.leaf("AcctSvcrRef", e.accountServicerReference());
        x.start("BkTxCd");
        x.start("Domn");
        x.leaf("Cd", "PMNT");
        x.start("Fmly");
        x.leaf("Cd", e.credit() ? "RCDT" : "ICDT");
        x.leaf("SubFmlyCd", "DMCT");
        x.end();
        x.end();
        x.end();
        if (e.batch() != null || !e.transactions().isEmpty()) {
            x.start("NtryDtls");
            Camt053Statement.Batch b = e.batch();
            if (b != null) {
                x.start("Btch");
                optional(x, "MsgId", b.messageId());
                optional(x, "PmtInfId", b.paymentInformationId());
                x.leaf("NbOfTxs", Integer.toString(b.numberOfTransactions()));
                x.amount("TtlAmt", b.totalAmount(), currency);
                x.leaf("CdtDbtInd", b.credit() ? "CRDT" : "DBIT");
                x.end();
            }
            for (Camt053Statement.Transaction t : e.transactions()) {
                transaction(x, t, currency);
            }
            x.end();
        }
        x.end();
    }

    private static void transaction(Xml x, Camt053Statement.Transaction t, String currency) throws XMLStreamException {
        x.start("TxDtls");
        x.start("Refs");
        optional(x, "MsgId", t.messageId());
        optional(x, "AcctSvcrRef", t.accountServicerReference());
        optional(x, "PmtInfId", t.paymentInformationId());
        optional(x, "InstrId", t.instructionId());
        optional(x, "EndToEndId", t.endToEndId());
        x.end();
        x.amount("Amt", t.amount(), currency);
        x.leaf("CdtDbtInd", t.credit() ? "CRDT" : "DBIT");
        if (present(t.creditorName()) || present(t.creditorAccount())) {
            x.start("RltdPties");
            if (present(t.creditorName())) {
                x.start("Cdtr");
                x.start("Pty");
                x.leaf("Nm", cut(t.creditorName(), MAX_NAME));
                x.end();
                x.end();
            }
            if (present(t.creditorAccount())) {
                x.start("CdtrAcct");
                x.start("Id");
                x.start("Othr");
                x.leaf("Id", t.creditorAccount());
                x.end();
                x.end();
                x.end();
            }
            x.end();
        }
        if (present(t.remittance())) {
            x.start("RmtInf");
            x.leaf("Ustrd", cut(t.remittance(), MAX_NAME));
            x.end();
        }
        x.end();
    }

    private static void optional(Xml x, String name, String value) throws XMLStreamException {
        if (present(value)) {
            x.leaf(name, value);
        }
    }

    private static boolean present(String s) {
        return s != null && !s.isBlank();
    }

    private static String plain(BigDecimal amount) {
        return amount.setScale(2).toPlainString();
    }

    /** At most {@code max} chars, never between the halves of a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** Indented element writing on top of the StAX writer. */
    private static final class Xml {
        final XMLStreamWriter w;
        int depth;

        Xml(XMLStreamWriter w) {
            this.w = w;
        }

        void newline() throws XMLStreamException {
            w.writeCharacters("\n" + "  ".repeat(depth));
        }

        void start(String name) throws XMLStreamException {
            newline();
            w.writeStartElement(name);
            depth++;
        }

        void end() throws XMLStreamException {
            depth--;
            newline();
            w.writeEndElement();
        }

        void leaf(String name, String text) throws XMLStreamException {
            newline();
            w.writeStartElement(name);
            w.writeCharacters(text);
            w.writeEndElement();
        }

        void amount(String name, BigDecimal amount, String currency) throws XMLStreamException {
            newline();
            w.writeStartElement(name);
            w.writeAttribute("Ccy", currency);
            w.writeCharacters(plain(amount));
            w.writeEndElement();
        }
    }
}
