package org.jincai.bank.simulator.statement;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.Balance;
import org.jincai.formats.iso20022.BankStatement;
import org.jincai.formats.iso20022.CreditDebit;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.CreditorReference;
import org.jincai.formats.iso20022.EntryBatch;
import org.jincai.formats.iso20022.EntryTransaction;
import org.jincai.formats.iso20022.IsoAmounts;
import org.jincai.formats.iso20022.IsoMessages;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoText;
import org.jincai.formats.iso20022.IsoValues;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.jincai.formats.iso20022.StatementEntry;
import org.jincai.formats.iso20022.XmlOut;

/**
 * Writes bank-to-customer statements as camt.053.001.08, streaming (entries come from an iterator and
 * are not kept), UTF-8, with a bare {@code <Document xmlns=...>}: what the bank simulator sends back
 * for the hub's payments, and the statements of the benchmark. {@link #entriesFor} turns a payment
 * block into entries the way a bank books it: with batch booking one entry for the whole block with
 * a TxDtls per credit, without it one entry per credit; each TxDtls carries the EndToEndId. A statement
 * held in memory can be written with its TxsSummry ({@link #statementWithSummary}).
 *
 * <p>What the schema requires is required here: a statement id and account, at least one balance,
 * each entry's amount, CdtDbtInd, status (BOOK when absent) and bank transaction code (PMNT/RCDT/DMCT
 * for a credit, PMNT/ICDT/DMCT for a debit when absent); ids over 35 characters and names over 140 are
 * refused ({@value IsoProblemCodes#ISO_FIELD_TOO_LONG}), remittance text is cut to 140. Agents are
 * written as CNAPS members (12 digits), BICs ({@code BICFI}), else {@code Othr/Id}. Not thread-safe.
 */
public final class Camt053V08Writer implements AutoCloseable {

    public static final String MESSAGE_NAME_ID = "camt.053.001.08";

    private static final Pattern BIC = Pattern.compile("[A-Z0-9]{4}[A-Z]{2}[A-Z0-9]{2}([A-Z0-9]{3})?");
    private static final Pattern BALANCE_CODE = Pattern.compile("XPCD|OPAV|ITAV|CLAV|FWAV|CLBD|ITBD|OPBD|PRCD|INFO");
    private static final Pattern NUMBER = Pattern.compile("\\d{1,18}");
    private static final Pattern INDENT = Pattern.compile("\n +");
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[]> ENCODED = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The two bank-to-customer reports of version 08 share their account, balance and entry types
     * (ReportEntry10); they differ in the message, the root and the report element's name, and a camt.054
     * notification has no balances (its schema has no Bal: the balances it was given are not written).
     */
    enum Kind {
        STATEMENT(MESSAGE_NAME_ID, "camt.053", "BkToCstmrStmt", "Stmt", true),
        NOTIFICATION(Camt054V08Writer.MESSAGE_NAME_ID, "camt.054", "BkToCstmrDbtCdtNtfctn", "Ntfctn", false);

        final String messageNameId;
        final String shortName;
        final String root;
        final String report;
        final boolean balances;

        Kind(String messageNameId, String shortName, String root, String report, boolean balances) {
            this.messageNameId = messageNameId;
            this.shortName = shortName;
            this.root = root;
            this.report = report;
            this.balances = balances;
        }
    }

    private final XmlOut out;
    private final String messageId;
    private final Kind kind;
    private int statements;
    private boolean finished;

    private Camt053V08Writer(OutputStream out, String messageId, Kind kind) {
        this.out = new XmlOut(Objects.requireNonNull(out, "out"));
        this.messageId = messageId;
        this.kind = kind;
    }

    /** Starts a document and writes its group header. */
    public static Camt053V08Writer open(OutputStream out, String messageId, OffsetDateTime created) {
        return open(out, messageId, created, Kind.STATEMENT);
    }

    static Camt053V08Writer open(OutputStream out, String messageId, OffsetDateTime created, Kind kind) {
        Camt053V08Writer w = new Camt053V08Writer(out, messageId, kind);
        w.out.raw(bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"" + IsoMessages.ISO_NAMESPACE_PREFIX
                + kind.messageNameId + "\">\n    <" + kind.root + ">\n        <GrpHdr>"));
        w.id(2 + 1, "MsgId", messageId, "GrpHdr/MsgId");
        w.dateTime(3, "CreDtTm", Objects.requireNonNull(created, "created"));
        w.out.raw(bytes("\n        </GrpHdr>"));
        return w;
    }

    /** A whole document of statements held in memory (each with its entries). */
    public static byte[] toBytes(String messageId, OffsetDateTime created, List<BankStatement> statements) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        try (Camt053V08Writer w = open(bytes, messageId, created)) {
            for (BankStatement s : statements) {
                w.statement(s, s.entries().iterator());
            }
            w.finish();
        }
        return bytes.toByteArray();
    }

    /**
     * Writes one Stmt: {@code statement}'s header and balances (its entries list is ignored) and every
     * entry of {@code entries}.
     */
    public void statement(BankStatement statement, Iterator<StatementEntry> entries) {
        statement(statement, entries, null);
    }

    /**
     * Writes one Stmt held in memory: its header, balances, a TxsSummry of its entries (how many and their
     * sum, their net with its direction, then the credit and the debit entries apart; sums at least at the
     * minor units of the account's currency) and the entries. The summary precedes the entries in the
     * schema, which is why only a statement whose entries are all known can carry one.
     */
    public void statementWithSummary(BankStatement statement) {
        statement(statement, statement.entries().iterator(), statement.entries());
    }

    private void statement(BankStatement statement, Iterator<StatementEntry> entries, List<StatementEntry> summarised) {
        if (finished) {
            throw new IllegalStateException("the document is finished");
        }
        String at = kind.shortName + " " + messageId + " " + kind.report + "[" + ++statements + "]";
        out.raw(bytes("\n        <" + kind.report + ">"));
        id(3, "Id", statement.id(), at + " Id");
        number(3, "ElctrncSeqNb", statement.electronicSequenceNumber(), at);
        number(3, "LglSeqNb", statement.legalSequenceNumber(), at);
        if (statement.creationDateTime() != null) {
            dateTime(3, "CreDtTm", statement.creationDateTime());
        }
        if (statement.fromDateTime() != null && statement.toDateTime() != null) {
            out.raw(bytes("\n            <FrToDt>"));
            dateTime(4, "FrDtTm", statement.fromDateTime());
            dateTime(4, "ToDtTm", statement.toDateTime());
            out.raw(bytes("\n            </FrToDt>"));
        }
        out.raw(bytes("\n            <Acct>"));
        otherId(4, statement.accountId(), at + " Acct");
        if (!IsoText.isBlank(statement.accountCurrency())) {
            text(4, "Ccy", statement.accountCurrency(), 3, at);
        }
        if (!IsoText.isBlank(statement.accountOwnerName())) {
            out.raw(bytes("\n                <Ownr>"));
            text(5, "Nm", statement.accountOwnerName(), 140, at + " Acct/Ownr");
            out.raw(bytes("\n                </Ownr>"));
        }
        if (!IsoText.isBlank(statement.accountServicer())) {
            out.raw(bytes("\n                <Svcr>"));
            agent(5, statement.accountServicer());
            out.raw(bytes("\n                </Svcr>"));
        }
        out.raw(bytes("\n            </Acct>"));
        if (kind.balances) {
            if (statement.balances().isEmpty()) {
                throw IsoValues.missing("Bal (at least one balance)", at);
            }
            for (Balance b : statement.balances()) {
                balance(b, at + " Bal");
            }
        }
        if (summarised != null) {
            summary(summarised, IsoAmounts.minorUnits(statement.accountCurrency()));
        }
        long n = 0;
        while (entries.hasNext()) {
            entry(entries.next(), at + " Ntry[" + ++n + "]");
        }
        out.raw(bytes("\n        </" + kind.report + ">"));
    }

    private void balance(Balance b, String at) {
        out.raw(bytes("\n            <Bal>\n                <Tp>\n                    <CdOrPrtry>"));
        String type = b.type() == null ? "" : b.type();
        if (BALANCE_CODE.matcher(type).matches()) {
            text(6, "Cd", type, 4, at);
        } else {
            text(6, "Prtry", type, 35, at);
        }
        out.raw(bytes("\n                    </CdOrPrtry>\n                </Tp>"));
        amount(4, "Amt", b.amount(), b.currency(), false, at);
        creditDebit(4, b.creditDebit(), at);
        out.raw(bytes("\n                <Dt>"));
        if (b.date() != null) {
            date(5, "Dt", b.date());
        } else if (b.dateTime() != null) {
            dateTime(5, "DtTm", b.dateTime());
        } else {
            throw IsoValues.missing("Bal/Dt", at);
        }
        out.raw(bytes("\n                </Dt>\n            </Bal>"));
    }

    private void summary(List<StatementEntry> entries, int minorUnits) {
        BigDecimal credits = BigDecimal.ZERO;
        BigDecimal debits = BigDecimal.ZERO;
        int creditCount = 0;
        for (StatementEntry e : entries) {
            // an entry without an amount is refused when it is written, right after the summary
            BigDecimal amount = e.amount() == null ? BigDecimal.ZERO : e.amount();
            if (e.creditDebit() == CreditDebit.CRDT) {
                credits = credits.add(amount);
                creditCount++;
            } else {
                debits = debits.add(amount);
            }
        }
        BigDecimal net = credits.subtract(debits);
        out.raw(bytes("\n            <TxsSummry>\n                <TtlNtries>"));
        decimal(5, "NbOfNtries", BigDecimal.valueOf(entries.size()), 0);
        decimal(5, "Sum", credits.add(debits), minorUnits);
        out.raw(bytes("\n                    <TtlNetNtry>"));
        decimal(6, "Amt", net.abs(), minorUnits);
        out.raw(net.signum() < 0 ? CDI_DBIT[6] : CDI_CRDT[6]);
        out.raw(bytes("\n                    </TtlNetNtry>\n                </TtlNtries>\n                <TtlCdtNtries>"));
        decimal(5, "NbOfNtries", BigDecimal.valueOf(creditCount), 0);
        decimal(5, "Sum", credits, minorUnits);
        out.raw(bytes("\n                </TtlCdtNtries>\n                <TtlDbtNtries>"));
        decimal(5, "NbOfNtries", BigDecimal.valueOf(entries.size() - creditCount), 0);
        decimal(5, "Sum", debits, minorUnits);
        out.raw(bytes("\n                </TtlDbtNtries>\n            </TxsSummry>"));
    }

    /** A number written plainly, with at least {@code minScale} decimals. */
    private void decimal(int depth, String element, BigDecimal value, int minScale) {
        out.raw(tag(element, depth)[0]);
        out.ascii(value.setScale(Math.max(value.scale(), minScale)).toPlainString());
        out.raw(tag(element, depth)[1]);
    }

    private void entry(StatementEntry e, String at) {
        out.raw(NTRY_OPEN);
        if (!IsoText.isBlank(e.entryReference())) {
            id(4, "NtryRef", e.entryReference(), at);
        }
        amount(4, "Amt", e.amount(), e.currency(), false, at);
        creditDebit(4, e.creditDebit(), at);
        if (e.reversal()) {
            out.raw(bytes("\n                <RvslInd>true</RvslInd>"));
        }
        out.raw(STS_OPEN);
        out.text(IsoText.isBlank(e.status()) ? "BOOK" : e.status(), at + " Sts");
        out.raw(STS_CLOSE);
        if (e.bookingDate() != null || e.bookingDateTime() != null) {
            out.raw(bytes("\n                <BookgDt>"));
            dateOrTime(e.bookingDate(), e.bookingDateTime());
            out.raw(bytes("\n                </BookgDt>"));
        }
        if (e.valueDate() != null || e.valueDateTime() != null) {
            out.raw(bytes("\n                <ValDt>"));
            dateOrTime(e.valueDate(), e.valueDateTime());
            out.raw(bytes("\n                </ValDt>"));
        }
        if (!IsoText.isBlank(e.accountServicerReference())) {
            id(4, "AcctSvcrRef", e.accountServicerReference(), at);
        }
        bankTransactionCode(e.bankTransactionCode(), e.creditDebit(), at);
        if (!e.batches().isEmpty() || !e.transactions().isEmpty()) {
            List<EntryBatch> batches = e.batches();
            for (int i = 0; i < Math.max(1, batches.size()); i++) {
                out.raw(bytes("\n                <NtryDtls>"));
                if (i < batches.size()) {
                    batch(batches.get(i), at);
                }
                if (i == Math.max(1, batches.size()) - 1) {
                    for (EntryTransaction t : e.transactions()) {
                        transaction(t, at + " TxDtls");
                    }
                }
                out.raw(bytes("\n                </NtryDtls>"));
            }
        }
        if (!IsoText.isBlank(e.additionalInformation())) {
            text(4, "AddtlNtryInf", IsoText.truncate(e.additionalInformation(), 500), 500, at);
        }
        out.raw(NTRY_CLOSE);
    }

    private void bankTransactionCode(String code, CreditDebit cdi, String at) {
        String c = !IsoText.isBlank(code) ? code : cdi == CreditDebit.CRDT ? "PMNT/RCDT/DMCT" : "PMNT/ICDT/DMCT";
        String[] parts = c.split("/");
        out.raw(bytes("\n                <BkTxCd>"));
        if (parts.length == 3) {
            out.raw(bytes("\n                    <Domn>"));
            text(6, "Cd", parts[0], 4, at + " BkTxCd");
            out.raw(bytes("\n                        <Fmly>"));
            text(7, "Cd", parts[1], 4, at + " BkTxCd");
            text(7, "SubFmlyCd", parts[2], 4, at + " BkTxCd");
            out.raw(bytes("\n                        </Fmly>\n                    </Domn>"));
        } else {
            out.raw(bytes("\n                    <Prtry>"));
            text(6, "Cd", c, 35, at + " BkTxCd");
            out.raw(bytes("\n                    </Prtry>"));
        }
        out.raw(bytes("\n                </BkTxCd>"));
    }

    private void batch(EntryBatch b, String at) {
        out.raw(bytes("\n                    <Btch>"));
        if (!IsoText.isBlank(b.messageId())) {
            id(6, "MsgId", b.messageId(), at);
        }
        if (!IsoText.isBlank(b.paymentInformationId())) {
            id(6, "PmtInfId", b.paymentInformationId(), at);
        }
        if (b.numberOfTransactions() != null) {
            out.raw(tag("NbOfTxs", 6)[0]);
            out.number(b.numberOfTransactions());
            out.raw(bytes("</NbOfTxs>"));
        }
        if (b.totalAmount() != null) {
            amount(6, "TtlAmt", b.totalAmount(), b.currency(), true, at);
        }
        if (b.creditDebit() != null) {
            creditDebit(6, b.creditDebit(), at);
        }
        out.raw(bytes("\n                    </Btch>"));
    }

    private void transaction(EntryTransaction t, String at) {
        out.raw(TX_OPEN);
        boolean refs = t.messageId() != null || t.accountServicerReference() != null || t.paymentInformationId() != null
                || t.instructionId() != null || t.endToEndId() != null || t.transactionId() != null;
        if (refs) {
            out.raw(REFS_OPEN);
            optionalId(7, "MsgId", t.messageId(), at);
            optionalId(7, "AcctSvcrRef", t.accountServicerReference(), at);
            optionalId(7, "PmtInfId", t.paymentInformationId(), at);
            optionalId(7, "InstrId", t.instructionId(), at);
            optionalId(7, "EndToEndId", t.endToEndId(), at);
            optionalId(7, "TxId", t.transactionId(), at);
            out.raw(REFS_CLOSE);
        }
        if (t.amount() != null) {
            amount(6, "Amt", t.amount(), t.currency(), false, at);
        }
        if (t.creditDebit() != null) {
            creditDebit(6, t.creditDebit(), at);
        }
        boolean parties = !IsoText.isBlank(t.debtorName()) || !IsoText.isBlank(t.debtorAccount())
                || !IsoText.isBlank(t.creditorName()) || !IsoText.isBlank(t.creditorAccount());
        if (parties) {
            out.raw(bytes("\n                        <RltdPties>"));
            party(7, "Dbtr", t.debtorName(), at);
            partyAccount(7, "DbtrAcct", t.debtorAccount(), at);
            party(7, "Cdtr", t.creditorName(), at);
            partyAccount(7, "CdtrAcct", t.creditorAccount(), at);
            out.raw(bytes("\n                        </RltdPties>"));
        }
        if (!IsoText.isBlank(t.debtorAgent()) || !IsoText.isBlank(t.creditorAgent())) {
            out.raw(bytes("\n                        <RltdAgts>"));
            if (!IsoText.isBlank(t.debtorAgent())) {
                out.raw(bytes("\n                            <DbtrAgt>"));
                agent(8, t.debtorAgent());
                out.raw(bytes("\n                            </DbtrAgt>"));
            }
            if (!IsoText.isBlank(t.creditorAgent())) {
                out.raw(bytes("\n                            <CdtrAgt>"));
                agent(8, t.creditorAgent());
                out.raw(bytes("\n                            </CdtrAgt>"));
            }
            out.raw(bytes("\n                        </RltdAgts>"));
        }
        if (!t.unstructuredRemittance().isEmpty() || !t.creditorReferences().isEmpty()) {
            out.raw(bytes("\n                        <RmtInf>"));
            for (String u : t.unstructuredRemittance()) {
                if (!IsoText.isBlank(u)) {
                    text(7, "Ustrd", IsoText.truncate(u.strip(), 140), 140, at);
                }
            }
            for (CreditorReference r : t.creditorReferences()) {
                out.raw(bytes("\n                            <Strd>\n                                <CdtrRefInf>"));
                if (!IsoText.isBlank(r.type()) || !IsoText.isBlank(r.issuer())) {
                    out.raw(bytes("\n                                    <Tp>"));
                    if (!IsoText.isBlank(r.type())) {
                        out.raw(bytes("\n                                        <CdOrPrtry>"));
                        boolean code = r.type().matches("RADM|RPIN|FXDR|DISP|PUOR|SCOR");
                        text(11, code ? "Cd" : "Prtry", r.type(), 35, at);
                        out.raw(bytes("\n                                        </CdOrPrtry>"));
                    }
                    optionalId(10, "Issr", r.issuer(), at);
                    out.raw(bytes("\n                                    </Tp>"));
                }
                id(9, "Ref", r.reference(), at + " CdtrRefInf/Ref");
                out.raw(bytes("\n                                </CdtrRefInf>\n                            </Strd>"));
            }
            out.raw(bytes("\n                        </RmtInf>"));
        }
        if (!IsoText.isBlank(t.additionalInformation())) {
            text(6, "AddtlTxInf", IsoText.truncate(t.additionalInformation(), 500), 500, at);
        }
        out.raw(TX_CLOSE);
    }

    private void party(int depth, String element, String name, String at) {
        if (IsoText.isBlank(name)) {
            return;
        }
        String indent = "\n" + "    ".repeat(depth);
        out.raw(bytes(indent + "<" + element + ">" + indent + "    <Pty>"));
        text(depth + 2, "Nm", name, 140, at + " " + element);
        out.raw(bytes(indent + "    </Pty>" + indent + "</" + element + ">"));
    }

    private void partyAccount(int depth, String element, String account, String at) {
        if (IsoText.isBlank(account)) {
            return;
        }
        String indent = "\n" + "    ".repeat(depth);
        out.raw(bytes(indent + "<" + element + ">"));
        otherId(depth + 1, account, at + " " + element);
        out.raw(bytes(indent + "</" + element + ">"));
    }

    private void otherId(int depth, String account, String at) {
        if (IsoText.isBlank(account)) {
            throw IsoValues.missing("Id/Othr/Id", at);
        }
        String indent = "\n" + "    ".repeat(depth);
        out.raw(bytes(indent + "<Id>" + indent + "    <Othr>"));
        text(depth + 2, "Id", account, 34, at);
        out.raw(bytes(indent + "    </Othr>" + indent + "</Id>"));
    }

    private void agent(int depth, String agent) {
        String indent = "\n" + "    ".repeat(depth);
        String a = agent.strip();
        out.raw(bytes(indent + "<FinInstnId>"));
        if (a.length() == 12 && a.chars().allMatch(Character::isDigit)) {
            out.raw(bytes(indent + "    <ClrSysMmbId>" + indent + "        <ClrSysId>" + indent + "            <Cd>CNAPS</Cd>"
                    + indent + "        </ClrSysId>" + indent + "        <MmbId>" + a + "</MmbId>" + indent + "    </ClrSysMmbId>"));
        } else if (BIC.matcher(a).matches()) {
            text(depth + 1, "BICFI", a, 11, "agent");
        } else {
            out.raw(bytes(indent + "    <Othr>"));
            text(depth + 2, "Id", a, 35, "agent");
            out.raw(bytes(indent + "    </Othr>"));
        }
        out.raw(bytes(indent + "</FinInstnId>"));
    }

    /** Closes the document. */
    public long finish() {
        if (!finished) {
            finished = true;
            if (statements == 0) {
                throw IsoValues.missing(kind.report, kind.shortName + " " + messageId);
            }
            out.raw(bytes("\n    </" + kind.root + ">\n</Document>\n"));
            out.flush();
        }
        return out.bytesWritten();
    }

    @Override
    public void close() {
        out.flush();
    }

    // ------------------------------------------------------------------ values

    private void amount(int depth, String element, BigDecimal amount, String currency, boolean allowZero, String at) {
        if (amount == null) {
            throw IsoValues.missing(element, at);
        }
        int digits = IsoAmounts.minorUnits(currency);
        if (digits < 0) {
            throw new FormatException(IsoProblemCodes.ISO_CURRENCY_INVALID, "'" + currency + "' is not an ISO 4217 currency", at);
        }
        if (amount.signum() < 0) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString()
                    + " is negative; the sign is CdtDbtInd", at);
        }
        BigDecimal scaled;
        try {
            scaled = amount.scale() == digits ? amount : amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString()
                    + " is finer than " + currency, at);
        }
        out.raw(bytes("\n" + "    ".repeat(depth) + "<" + element + " Ccy=\""));
        out.ascii(currency);
        out.raw(QUOTE_GT);
        if (scaled.precision() <= 18) {
            out.decimal(scaled.unscaledValue().longValue(), digits);
        } else {
            out.decimal(scaled);
        }
        out.raw(bytes("</" + element + ">"));
    }

    private void creditDebit(int depth, CreditDebit cdi, String at) {
        if (cdi == null) {
            throw IsoValues.missing("CdtDbtInd", at);
        }
        out.raw(cdi == CreditDebit.CRDT ? CDI_CRDT[depth] : CDI_DBIT[depth]);
    }

    private void dateOrTime(LocalDate date, OffsetDateTime time) {
        if (date != null) {
            out.raw(DT_OPEN);
            out.date(date);
            out.raw(DT_CLOSE);
        } else {
            dateTime(5, "DtTm", time);
        }
    }

    private void date(int depth, String element, LocalDate d) {
        out.raw(tag(element, depth)[0]);
        out.date(d);
        out.raw(bytes("</" + element + ">"));
    }

    private void dateTime(int depth, String element, OffsetDateTime t) {
        out.raw(tag(element, depth)[0]);
        out.ascii(DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.truncatedTo(ChronoUnit.SECONDS)));
        out.raw(bytes("</" + element + ">"));
    }

    private void number(int depth, String element, String value, String at) {
        if (IsoText.isBlank(value)) {
            return;
        }
        if (!NUMBER.matcher(value).matches()) {
            throw new FormatException(IsoProblemCodes.ISO_CODE_INVALID, element + " '" + value + "' is not a number", at);
        }
        text(depth, element, value, 18, at);
    }

    private void optionalId(int depth, String element, String value, String at) {
        if (!IsoText.isBlank(value)) {
            id(depth, element, value, at);
        }
    }

    private void id(int depth, String element, String value, String at) {
        if (IsoText.isBlank(value)) {
            throw IsoValues.missing(element, at);
        }
        text(depth, element, value, 35, at);
    }

    private void text(int depth, String element, String value, int max, String at) {
        if (value.length() > max) {
            throw new FormatException(IsoProblemCodes.ISO_FIELD_TOO_LONG, element + " has " + value.length()
                    + " characters; at most " + max + " are allowed", at);
        }
        byte[][] tag = tag(element, depth);
        out.raw(tag[0]);
        out.text(value, at + " " + element);
        out.raw(tag[1]);
    }

    // ------------------------------------------------------------------ the bank's booking of payments

    /**
     * The statement entries a bank books for one payment block it executed on {@code bookingDate}:
     * with {@code batchBooking} one debit entry of the block's total with a Btch and a TxDtls per
     * credit; without it one debit entry per credit. References are {@code referencePrefix} plus a
     * sequence number; each TxDtls carries the credit's EndToEndId and InstrId.
     */
    public static List<StatementEntry> entriesFor(PaymentInstruction block, String messageId, boolean batchBooking,
            LocalDate bookingDate, String referencePrefix) {
        List<StatementEntry> entries = new ArrayList<>();
        String ccy = block.transactions().isEmpty() ? "CNY" : block.transactions().get(0).currency();
        List<EntryTransaction> txs = new ArrayList<>();
        int seq = 0;
        for (CreditTransferTransaction t : block.transactions()) {
            EntryTransaction tx = new EntryTransaction(null, referencePrefix + String.format("%06d", ++seq),
                    block.paymentInformationId(), t.instructionId(), t.endToEndId(), null, t.amount(), t.currency(),
                    CreditDebit.DBIT, block.debtorName(), block.debtorAccount(), block.debtorAgentMemberId(),
                    t.creditorName(), t.creditorAccount(), t.creditorAgentMemberId(),
                    t.remittanceInformation() == null ? List.of() : List.of(t.remittanceInformation()),
                    t.creditorReference() == null ? List.of() : List.of(t.creditorReference()), null);
            if (batchBooking) {
                txs.add(tx);
            } else {
                entries.add(new StatementEntry(null, t.amount(), t.currency(), CreditDebit.DBIT, false, "BOOK", bookingDate,
                        null, bookingDate, null, tx.accountServicerReference(), "PMNT/ICDT/DMCT", null, List.of(),
                        List.of(tx)));
            }
        }
        if (batchBooking) {
            EntryBatch batch = new EntryBatch(messageId, block.paymentInformationId(), block.transactions().size(),
                    block.controlSum(), ccy, CreditDebit.DBIT);
            entries.add(new StatementEntry(null, block.controlSum(), ccy, CreditDebit.DBIT, false, "BOOK", bookingDate, null,
                    bookingDate, null, referencePrefix + "B", "PMNT/ICDT/DMCT", null, List.of(batch), txs));
        }
        return entries;
    }

    // ------------------------------------------------------------------ encoded tags

    private static final byte[] NTRY_OPEN = bytes("\n            <Ntry>");
    private static final byte[] NTRY_CLOSE = bytes("\n            </Ntry>");
    private static final byte[] STS_OPEN = bytes("\n                <Sts>\n                    <Cd>");
    private static final byte[] STS_CLOSE = bytes("</Cd>\n                </Sts>");
    private static final byte[] DT_OPEN = bytes("\n                    <Dt>");
    private static final byte[] DT_CLOSE = bytes("</Dt>");
    private static final byte[] TX_OPEN = bytes("\n                    <TxDtls>");
    private static final byte[] TX_CLOSE = bytes("\n                    </TxDtls>");
    private static final byte[] REFS_OPEN = bytes("\n                        <Refs>");
    private static final byte[] REFS_CLOSE = bytes("\n                        </Refs>");
    private static final byte[] QUOTE_GT = bytes("\">");
    private static final byte[][] CDI_CRDT = new byte[12][];
    private static final byte[][] CDI_DBIT = new byte[12][];
    private static final java.util.concurrent.ConcurrentHashMap<String, byte[][]> TAGS = new java.util.concurrent.ConcurrentHashMap<>();

    static {
        for (int d = 0; d < 12; d++) {
            CDI_CRDT[d] = bytes("\n" + "    ".repeat(d) + "<CdtDbtInd>CRDT</CdtDbtInd>");
            CDI_DBIT[d] = bytes("\n" + "    ".repeat(d) + "<CdtDbtInd>DBIT</CdtDbtInd>");
        }
    }

    private static byte[][] tag(String element, int depth) {
        return TAGS.computeIfAbsent(element + "@" + depth, k -> new byte[][] {
            bytes("\n" + "    ".repeat(depth) + "<" + element + ">"), bytes("</" + element + ">")});
    }

    /**
     * UTF-8, with the indentation written in this class (four spaces a level) halved, since statements
     * are bulky; memoised, as the markup is a small fixed set.
     */
    private static byte[] bytes(String s) {
        return ENCODED.computeIfAbsent(s, k -> INDENT.matcher(k)
                .replaceAll(m -> "\n" + " ".repeat((m.group().length() - 1) / 2)).getBytes(StandardCharsets.UTF_8));
    }
}
