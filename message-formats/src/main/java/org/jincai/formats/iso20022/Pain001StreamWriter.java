package org.jincai.formats.iso20022;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;
import java.util.Objects;
import org.jincai.formats.FormatException;

/**
 * The hub's pain.001 writer, pain.001.001.03 or pain.001.001.09, streaming: a payroll of a million
 * credits is written in flat memory, straight from the caller's iterator to the output stream, at
 * the speed of a plain template (pre-encoded tags, one-pass escaping, no per-element objects).
 *
 * <p>Usage: {@link #open} writes the group header with the totals the caller declares;
 * {@link #paymentInformation} writes one PmtInf with the transactions its iterator yields (nothing is
 * kept); {@link #finish} closes the document and fails with {@value IsoProblemCodes#ISO_NB_OF_TXS_MISMATCH}
 * or {@value IsoProblemCodes#ISO_CTRL_SUM_MISMATCH} when what was written disagrees with what was
 * declared. Any {@link FormatException} leaves a partial document behind: the caller writes to a
 * temporary file and discards it (a bank never sees half a file).
 *
 * <p>The mapping is the Chinese domestic usage of {@link Pain001V09Writer}: accounts in
 * {@code Id/Othr/Id}, banks as {@code ClrSysMmbId} with {@code ClrSysId/Cd = CNAPS} and the 12-digit
 * bank number, amounts at their currency's minor units, remittance text cut to 140 characters, both
 * versions differing only where the schemas do ({@code ReqdExctnDt} is a date in .03 and a
 * {@code Dt} choice in .09). Everything the XSD would refuse is refused before it is written: ids
 * over 35 characters, names over 140 ({@value IsoProblemCodes#ISO_FIELD_TOO_LONG}), bank numbers
 * that are not 12 digits, amounts that are not positive or finer than the currency, characters XML
 * cannot carry; so every file this writer completes is valid against its XSD. With
 * {@link Pain001WriteOptions#transliterate()} names and remittance become ASCII pinyin
 * ({@link Pinyin}). Not thread-safe: one writer per file.
 */
public final class Pain001StreamWriter implements AutoCloseable {

    static final int MAX_ID = 35;
    static final int MAX_NAME = 140;
    static final int MAX_ACCOUNT = 34;

    private static final DateTimeFormatter CREATION = DateTimeFormatter.ISO_OFFSET_DATE_TIME;

    private final XmlOut out;
    private final Pain001WriteOptions options;
    private final boolean v09;
    private final Pain001GroupHeader header;
    private final Tags t;
    private final Sum total = new Sum();
    private long count;
    private int blocks;
    private boolean finished;

    private Pain001StreamWriter(OutputStream out, Pain001WriteOptions options, Pain001GroupHeader header) {
        this.out = new XmlOut(Objects.requireNonNull(out, "out"));
        this.options = Objects.requireNonNull(options, "options");
        this.header = Objects.requireNonNull(header, "header");
        this.v09 = options.version() == Pain001Version.V09;
        this.t = v09 ? Tags.V09 : Tags.V03;
    }

    /**
     * Starts a document on {@code out} and writes its group header.
     *
     * @throws FormatException ISO_FIELD_MISSING, ISO_FIELD_TOO_LONG, ISO_AMOUNT_INVALID, ISO_CHAR_INVALID,
     *                         ISO_TRANSLITERATION_FAILED
     */
    public static Pain001StreamWriter open(OutputStream out, Pain001WriteOptions options, Pain001GroupHeader header) {
        Pain001StreamWriter w = new Pain001StreamWriter(out, options, header);
        w.writeHeader();
        return w;
    }

    /** Writes a message held in memory (small messages, tests, conversions), totals computed. */
    public static void write(CreditTransferInitiation message, Pain001WriteOptions options, OutputStream out) {
        try (Pain001StreamWriter w = open(out, options, Pain001GroupHeader.of(message))) {
            for (PaymentInstruction p : message.paymentInstructions()) {
                w.paymentInformation(Pain001PaymentHeader.of(p), p.transactions().iterator());
            }
            w.finish();
        }
    }

    /** As {@link #write(CreditTransferInitiation, Pain001WriteOptions, OutputStream)}, as bytes. */
    public static byte[] toBytes(CreditTransferInitiation message, Pain001WriteOptions options) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        write(message, options, bytes);
        return bytes.toByteArray();
    }

    private void writeHeader() {
        String at = "pain.001 " + header.messageId();
        out.raw(t.prolog);
        out.raw(t.grpHdr.open);
        id(t.msgId, header.messageId(), at + " GrpHdr/MsgId");
        if (header.creationDateTime() == null) {
            throw IsoValues.missing("GrpHdr/CreDtTm", at);
        }
        out.raw(t.creDtTm.open);
        out.ascii(CREATION.format(header.creationDateTime().truncatedTo(ChronoUnit.SECONDS)));
        out.raw(t.creDtTm.closeInline);
        if (header.numberOfTransactions() < 1) {
            throw new FormatException(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH, "a pain.001 declares at least one"
                    + " transaction, not " + header.numberOfTransactions(), at + " GrpHdr/NbOfTxs");
        }
        out.raw(t.nbOfTxs.open);
        out.number(header.numberOfTransactions());
        out.raw(t.nbOfTxs.closeInline);
        out.raw(t.ctrlSum.open);
        out.decimal(controlSum(header.controlSum(), at + " GrpHdr/CtrlSum"));
        out.raw(t.ctrlSum.closeInline);
        party(t.initgPty, t.initgPtyNm, header.initiatingPartyName(), at + " GrpHdr/InitgPty/Nm");
        out.raw(t.grpHdr.close);
    }

    /**
     * Writes one PmtInf with every transaction {@code transactions} yields, keeping none of them.
     *
     * @throws FormatException the codes of {@link #open}, ISO_BANK_NUMBER_INVALID, ISO_CURRENCY_INVALID,
     *                         ISO_CODE_INVALID, and ISO_NB_OF_TXS_MISMATCH / ISO_CTRL_SUM_MISMATCH when
     *                         the block declares totals its transactions do not give
     */
    public void paymentInformation(Pain001PaymentHeader block, Iterator<CreditTransferTransaction> transactions) {
        if (finished) {
            throw new IllegalStateException("the document is finished");
        }
        String at = "pain.001 " + header.messageId() + " PmtInf[" + ++blocks + "]";
        out.raw(t.pmtInf.open);
        id(t.pmtInfId, block.paymentInformationId(), at + " PmtInfId");
        out.raw(t.pmtMtd);
        if (block.batchBooking() != null) {
            out.raw(block.batchBooking() ? t.btchBookgTrue : t.btchBookgFalse);
        }
        if (block.numberOfTransactions() != null) {
            out.raw(t.pmtNbOfTxs.open);
            out.number(block.numberOfTransactions());
            out.raw(t.pmtNbOfTxs.closeInline);
        }
        if (block.controlSum() != null) {
            out.raw(t.pmtCtrlSum.open);
            out.decimal(controlSum(block.controlSum(), at + " CtrlSum"));
            out.raw(t.pmtCtrlSum.closeInline);
        }
        if (block.requestedExecutionDate() == null) {
            throw IsoValues.missing("ReqdExctnDt", at);
        }
        out.raw(t.reqdExctnDtOpen);
        out.date(block.requestedExecutionDate());
        out.raw(t.reqdExctnDtClose);
        party(t.dbtr, t.dbtrNm, block.debtorName(), at + " Dbtr/Nm");
        debtorAccount(block.debtorAccount(), at + " DbtrAcct");
        if (IsoText.isBlank(block.debtorAgentMemberId())) {
            throw IsoValues.missing("DbtrAgt", at);
        }
        out.raw(t.dbtrAgtOpen);
        bankNumber(block.debtorAgentMemberId(), at + " DbtrAgt");
        out.raw(t.dbtrAgtClose);

        Sum sum = new Sum();
        long n = 0;
        while (transactions.hasNext()) {
            CreditTransferTransaction tx = transactions.next();
            n++;
            transaction(tx, sum, at, n);
        }
        if (n == 0) {
            throw IsoValues.missing("CdtTrfTxInf", at);
        }
        out.raw(t.pmtInf.close);
        if (block.numberOfTransactions() != null && block.numberOfTransactions() != n) {
            throw new FormatException(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH, "PmtInf declared NbOfTxs "
                    + block.numberOfTransactions() + " but " + n + " transactions were written", at);
        }
        BigDecimal written = sum.value();
        if (block.controlSum() != null && block.controlSum().compareTo(written) != 0) {
            throw new FormatException(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH, "PmtInf declared CtrlSum "
                    + block.controlSum().toPlainString() + " but the amounts written add up to " + written.toPlainString(), at);
        }
        count += n;
        total.add(written);
    }

    /** As {@link #paymentInformation(Pain001PaymentHeader, Iterator)} over an iterable (a cursor, a list). */
    public void paymentInformation(Pain001PaymentHeader block, Iterable<CreditTransferTransaction> transactions) {
        paymentInformation(block, transactions.iterator());
    }

    private void transaction(CreditTransferTransaction tx, Sum sum, String block, long index) {
        out.raw(t.cdtTrfTxInf.open);
        out.raw(t.pmtId.open);
        if (!IsoText.isBlank(tx.instructionId())) {
            id(t.instrId, tx.instructionId(), block, index, "PmtId/InstrId");
        }
        if (IsoText.isBlank(tx.endToEndId())) {
            throw IsoValues.missing("PmtId/EndToEndId", block + "/CdtTrfTxInf[" + index + "]");
        }
        id(t.endToEndId, tx.endToEndId(), block, index, "PmtId/EndToEndId");
        out.raw(t.pmtId.close);

        String ccy = tx.currency();
        int digits = IsoAmounts.minorUnits(ccy);
        if (digits < 0 || ccy.length() != 3) {
            throw new FormatException(IsoProblemCodes.ISO_CURRENCY_INVALID, "'" + ccy + "' is not an ISO 4217 currency",
                    block + "/CdtTrfTxInf[" + index + "] Amt/InstdAmt");
        }
        BigDecimal amount = tx.amount();
        if (amount == null) {
            throw IsoValues.missing("Amt/InstdAmt", block + "/CdtTrfTxInf[" + index + "]");
        }
        long unscaled = unscaled(amount, digits, ccy, block, index);
        out.raw(t.amtOpen);
        out.ascii(ccy);
        out.raw(t.amtMid);
        out.decimal(unscaled, digits);
        out.raw(t.amtClose);
        sum.add(unscaled, digits);

        boolean hasAgentId = !IsoText.isBlank(tx.creditorAgentMemberId());
        boolean hasAgentName = !IsoText.isBlank(tx.creditorAgentName());
        if (hasAgentId || hasAgentName) {
            out.raw(t.cdtrAgtOpen);
            if (hasAgentId) {
                out.raw(t.cdtrClrSysOpen);
                digits12(tx.creditorAgentMemberId(), block, index);
                out.raw(t.cdtrClrSysClose);
            }
            if (hasAgentName) {
                out.raw(t.cdtrAgtNm.open);
                text(tx.creditorAgentName(), MAX_NAME, true, block, index, "CdtrAgt/FinInstnId/Nm");
                out.raw(t.cdtrAgtNm.closeInline);
            }
            out.raw(t.cdtrAgtClose);
        }
        if (!IsoText.isBlank(tx.creditorName())) {
            out.raw(t.cdtr.open);
            out.raw(t.cdtrNm.open);
            text(tx.creditorName(), MAX_NAME, true, block, index, "Cdtr/Nm");
            out.raw(t.cdtrNm.closeInline);
            out.raw(t.cdtr.close);
        }
        if (!IsoText.isBlank(tx.creditorAccount())) {
            out.raw(t.cdtrAcctOpen);
            String acct = tx.creditorAccount();
            if (acct.length() > MAX_ACCOUNT) {
                throw tooLong("CdtrAcct/Id/Othr/Id", acct, MAX_ACCOUNT, block + "/CdtTrfTxInf[" + index + "]");
            }
            out.text(acct, "CdtrAcct");
            out.raw(t.cdtrAcctClose);
        }
        boolean ustrd = !IsoText.isBlank(tx.remittanceInformation());
        CreditorReference ref = tx.creditorReference();
        boolean strd = ref != null && !IsoText.isBlank(ref.reference());
        if (ustrd || strd) {
            out.raw(t.rmtInf.open);
            if (ustrd) {
                String text = tx.remittanceInformation().strip();
                if (options.transliterate()) {
                    text = Pinyin.text(text, options.unknownCharacter(), where(block, index, "RmtInf/Ustrd"));
                }
                out.raw(t.ustrd.open);
                out.text(IsoText.truncate(text, Pain001V09Writer.MAX_REMITTANCE_LENGTH), "RmtInf/Ustrd");
                out.raw(t.ustrd.closeInline);
            }
            if (strd) {
                creditorReference(ref, block, index);
            }
            out.raw(t.rmtInf.close);
        }
        out.raw(t.cdtTrfTxInf.close);
    }

    private void creditorReference(CreditorReference ref, String block, long index) {
        out.raw(t.strd.open);
        out.raw(t.cdtrRefInf.open);
        if (!IsoText.isBlank(ref.type()) || !IsoText.isBlank(ref.issuer())) {
            out.raw(t.refTp.open);
            if (!IsoText.isBlank(ref.type())) {
                out.raw(t.cdOrPrtry.open);
                String type = ref.type().strip();
                boolean code = switch (type) {
                    case "RADM", "RPIN", "FXDR", "DISP", "PUOR", "SCOR" -> true;
                    default -> false;
                };
                id(code ? t.refCd : t.refPrtry, type, block, index, "RmtInf/Strd/CdtrRefInf/Tp/CdOrPrtry");
                out.raw(t.cdOrPrtry.close);
            }
            if (!IsoText.isBlank(ref.issuer())) {
                id(t.refIssr, ref.issuer(), block, index, "RmtInf/Strd/CdtrRefInf/Tp/Issr");
            }
            out.raw(t.refTp.close);
        }
        id(t.refRef, ref.reference().strip(), block, index, "RmtInf/Strd/CdtrRefInf/Ref");
        out.raw(t.cdtrRefInf.close);
        out.raw(t.strd.close);
    }

    /**
     * Closes the document and checks it against the declared group totals.
     *
     * @return the number of bytes written
     * @throws FormatException ISO_NB_OF_TXS_MISMATCH, ISO_CTRL_SUM_MISMATCH, or ISO_FIELD_MISSING
     *                         when no PmtInf was written
     */
    public long finish() {
        if (finished) {
            return out.bytesWritten();
        }
        finished = true;
        String at = "pain.001 " + header.messageId() + " GrpHdr";
        if (blocks == 0) {
            throw IsoValues.missing("PmtInf", "pain.001 " + header.messageId());
        }
        out.raw(t.end);
        out.flush();
        if (count != header.numberOfTransactions()) {
            throw new FormatException(IsoProblemCodes.ISO_NB_OF_TXS_MISMATCH, "GrpHdr declared NbOfTxs "
                    + header.numberOfTransactions() + " but " + count + " transactions were written", at);
        }
        BigDecimal written = total.value();
        if (header.controlSum().compareTo(written) != 0) {
            throw new FormatException(IsoProblemCodes.ISO_CTRL_SUM_MISMATCH, "GrpHdr declared CtrlSum "
                    + header.controlSum().toPlainString() + " but the amounts written add up to " + written.toPlainString(), at);
        }
        return out.bytesWritten();
    }

    /** Transactions written so far. */
    public long transactionsWritten() {
        return count;
    }

    /** Flushes what was written; does not finish the document (an unfinished one is to be discarded). */
    @Override
    public void close() {
        out.flush();
    }

    // ------------------------------------------------------------------ fields

    private long unscaled(BigDecimal amount, int digits, String ccy, String block, long index) {
        if (amount.signum() <= 0) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString()
                    + " is not positive", where(block, index, "Amt/InstdAmt"));
        }
        BigDecimal scaled;
        try {
            scaled = amount.scale() == digits ? amount : amount.setScale(digits, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString()
                    + " has more than " + digits + " decimals for " + ccy, where(block, index, "Amt/InstdAmt"));
        }
        if (scaled.precision() > 18) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "amount " + amount.toPlainString()
                    + " has more than 18 digits", where(block, index, "Amt/InstdAmt"));
        }
        return scaled.unscaledValue().longValue();
    }

    private BigDecimal controlSum(BigDecimal declared, String at) {
        if (declared.signum() < 0) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "CtrlSum " + declared.toPlainString()
                    + " is negative", at);
        }
        // written as the sum of yuan amounts is: at least two decimals
        BigDecimal v = declared.scale() < 2 ? declared.setScale(2) : declared;
        if (v.precision() > 18) {
            throw new FormatException(IsoProblemCodes.ISO_AMOUNT_INVALID, "CtrlSum " + declared.toPlainString()
                    + " has more than 18 digits", at);
        }
        return v;
    }

    private void bankNumber(String memberId, String at) {
        if (!isTwelveDigits(memberId)) {
            throw new FormatException(IsoProblemCodes.ISO_BANK_NUMBER_INVALID,
                    "'" + memberId + "' is not a 12-digit CNAPS bank number", at);
        }
        out.ascii(memberId);
    }

    private void digits12(String memberId, String block, long index) {
        if (!isTwelveDigits(memberId)) {
            throw new FormatException(IsoProblemCodes.ISO_BANK_NUMBER_INVALID,
                    "'" + memberId + "' is not a 12-digit CNAPS bank number", where(block, index, "CdtrAgt"));
        }
        out.ascii(memberId);
    }

    private static boolean isTwelveDigits(String s) {
        if (s.length() != 12) {
            return false;
        }
        for (int i = 0; i < 12; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    private void party(XmlOut.Tag party, XmlOut.Tag nm, String name, String at) {
        if (IsoText.isBlank(name)) {
            out.raw(party.empty);
            return;
        }
        out.raw(party.open);
        out.raw(nm.open);
        String text = options.transliterate() ? Pinyin.name(name.strip(), options.unknownCharacter(), at) : name;
        if (text.length() > MAX_NAME) {
            throw tooLong("Nm", text, MAX_NAME, at);
        }
        out.text(text, at);
        out.raw(nm.closeInline);
        out.raw(party.close);
    }

    private void debtorAccount(String number, String at) {
        if (IsoText.isBlank(number)) {
            throw IsoValues.missing("DbtrAcct", at);
        }
        if (number.length() > MAX_ACCOUNT) {
            throw tooLong("Id/Othr/Id", number, MAX_ACCOUNT, at);
        }
        out.raw(t.dbtrAcctOpen);
        out.text(number, at);
        out.raw(t.dbtrAcctClose);
    }

    private void id(XmlOut.Tag tag, String value, String at) {
        if (IsoText.isBlank(value)) {
            throw IsoValues.missing(at.substring(at.lastIndexOf(' ') + 1), at);
        }
        if (value.length() > MAX_ID) {
            throw tooLong(at.substring(at.lastIndexOf(' ') + 1), value, MAX_ID, at);
        }
        out.leaf(tag, value, at);
    }

    private void id(XmlOut.Tag tag, String value, String block, long index, String field) {
        if (value.length() > MAX_ID) {
            throw tooLong(field, value, MAX_ID, where(block, index, field));
        }
        out.raw(tag.open);
        out.text(value, field);
        out.raw(tag.closeInline);
    }

    private void text(String value, int max, boolean name, String block, long index, String field) {
        String text = value;
        if (options.transliterate()) {
            text = name ? Pinyin.name(value.strip(), options.unknownCharacter(), where(block, index, field))
                    : Pinyin.text(value, options.unknownCharacter(), where(block, index, field));
        }
        if (text.length() > max) {
            throw tooLong(field, text, max, where(block, index, field));
        }
        out.text(text, field);
    }

    private static String where(String block, long index, String field) {
        return block + "/CdtTrfTxInf[" + index + "] " + field;
    }

    private static FormatException tooLong(String field, String value, int max, String at) {
        return new FormatException(IsoProblemCodes.ISO_FIELD_TOO_LONG, field + " has " + value.length()
                + " characters; at most " + max + " are allowed", at);
    }

    /** A sum of amounts in integer minor units while they share a scale, BigDecimal otherwise. */
    private static final class Sum {
        private long unscaled;
        private int scale = -1;
        private BigDecimal big = BigDecimal.ZERO;

        void add(long value, int valueScale) {
            if (scale == valueScale || scale < 0) {
                scale = valueScale;
                long r = unscaled + value;
                if (((unscaled ^ r) & (value ^ r)) < 0) {
                    spill();
                    big = big.add(BigDecimal.valueOf(value, valueScale));
                } else {
                    unscaled = r;
                }
            } else {
                big = big.add(BigDecimal.valueOf(value, valueScale));
            }
        }

        void add(BigDecimal value) {
            spill();
            big = big.add(value);
        }

        private void spill() {
            if (scale >= 0 && unscaled != 0) {
                big = big.add(BigDecimal.valueOf(unscaled, scale));
            }
            unscaled = 0;
        }

        BigDecimal value() {
            return scale >= 0 ? big.add(BigDecimal.valueOf(unscaled, scale)) : big;
        }
    }

    /** The pre-encoded tags of one version. */
    private static final class Tags {
        static final Tags V03 = new Tags(Pain001Version.V03);
        static final Tags V09 = new Tags(Pain001Version.V09);

        final byte[] prolog;
        final byte[] end;
        final XmlOut.Tag grpHdr = new XmlOut.Tag("GrpHdr", 2);
        final XmlOut.Tag msgId = new XmlOut.Tag("MsgId", 3);
        final XmlOut.Tag creDtTm = new XmlOut.Tag("CreDtTm", 3);
        final XmlOut.Tag nbOfTxs = new XmlOut.Tag("NbOfTxs", 3);
        final XmlOut.Tag ctrlSum = new XmlOut.Tag("CtrlSum", 3);
        final XmlOut.Tag initgPty = new XmlOut.Tag("InitgPty", 3);
        final XmlOut.Tag initgPtyNm = new XmlOut.Tag("Nm", 4);
        final XmlOut.Tag pmtInf = new XmlOut.Tag("PmtInf", 2);
        final XmlOut.Tag pmtInfId = new XmlOut.Tag("PmtInfId", 3);
        final byte[] pmtMtd = bytes("\n            <PmtMtd>TRF</PmtMtd>");
        final byte[] btchBookgTrue = bytes("\n            <BtchBookg>true</BtchBookg>");
        final byte[] btchBookgFalse = bytes("\n            <BtchBookg>false</BtchBookg>");
        final XmlOut.Tag pmtNbOfTxs = new XmlOut.Tag("NbOfTxs", 3);
        final XmlOut.Tag pmtCtrlSum = new XmlOut.Tag("CtrlSum", 3);
        final byte[] reqdExctnDtOpen;
        final byte[] reqdExctnDtClose;
        final XmlOut.Tag dbtr = new XmlOut.Tag("Dbtr", 3);
        final XmlOut.Tag dbtrNm = new XmlOut.Tag("Nm", 4);
        final byte[] dbtrAcctOpen = bytes("\n            <DbtrAcct>\n                <Id>\n                    <Othr>"
                + "\n                        <Id>");
        final byte[] dbtrAcctClose = bytes("</Id>\n                    </Othr>\n                </Id>\n            </DbtrAcct>");
        final byte[] dbtrAgtOpen = bytes("\n            <DbtrAgt>\n                <FinInstnId>\n                    <ClrSysMmbId>"
                + "\n                        <ClrSysId>\n                            <Cd>CNAPS</Cd>\n                        </ClrSysId>"
                + "\n                        <MmbId>");
        final byte[] dbtrAgtClose = bytes("</MmbId>\n                    </ClrSysMmbId>\n                </FinInstnId>"
                + "\n            </DbtrAgt>");
        final XmlOut.Tag cdtTrfTxInf = new XmlOut.Tag("CdtTrfTxInf", 3);
        final XmlOut.Tag pmtId = new XmlOut.Tag("PmtId", 4);
        final XmlOut.Tag instrId = new XmlOut.Tag("InstrId", 5);
        final XmlOut.Tag endToEndId = new XmlOut.Tag("EndToEndId", 5);
        final byte[] amtOpen = bytes("\n                <Amt>\n                    <InstdAmt Ccy=\"");
        final byte[] amtMid = bytes("\">");
        final byte[] amtClose = bytes("</InstdAmt>\n                </Amt>");
        final byte[] cdtrAgtOpen = bytes("\n                <CdtrAgt>\n                    <FinInstnId>");
        final byte[] cdtrClrSysOpen = bytes("\n                        <ClrSysMmbId>\n                            <ClrSysId>"
                + "\n                                <Cd>CNAPS</Cd>\n                            </ClrSysId>"
                + "\n                            <MmbId>");
        final byte[] cdtrClrSysClose = bytes("</MmbId>\n                        </ClrSysMmbId>");
        final XmlOut.Tag cdtrAgtNm = new XmlOut.Tag("Nm", 6);
        final byte[] cdtrAgtClose = bytes("\n                    </FinInstnId>\n                </CdtrAgt>");
        final XmlOut.Tag cdtr = new XmlOut.Tag("Cdtr", 4);
        final XmlOut.Tag cdtrNm = new XmlOut.Tag("Nm", 5);
        final byte[] cdtrAcctOpen = bytes("\n                <CdtrAcct>\n                    <Id>\n                        <Othr>"
                + "\n                            <Id>");
        final byte[] cdtrAcctClose = bytes("</Id>\n                        </Othr>\n                    </Id>"
                + "\n                </CdtrAcct>");
        final XmlOut.Tag rmtInf = new XmlOut.Tag("RmtInf", 4);
        final XmlOut.Tag ustrd = new XmlOut.Tag("Ustrd", 5);
        final XmlOut.Tag strd = new XmlOut.Tag("Strd", 5);
        final XmlOut.Tag cdtrRefInf = new XmlOut.Tag("CdtrRefInf", 6);
        final XmlOut.Tag refTp = new XmlOut.Tag("Tp", 7);
        final XmlOut.Tag cdOrPrtry = new XmlOut.Tag("CdOrPrtry", 8);
        final XmlOut.Tag refCd = new XmlOut.Tag("Cd", 9);
        final XmlOut.Tag refPrtry = new XmlOut.Tag("Prtry", 9);
        final XmlOut.Tag refIssr = new XmlOut.Tag("Issr", 8);
        final XmlOut.Tag refRef = new XmlOut.Tag("Ref", 7);

        private Tags(Pain001Version v) {
            prolog = bytes("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"" + v.namespace()
                    + "\">\n    <CstmrCdtTrfInitn>");
            end = bytes("\n    </CstmrCdtTrfInitn>\n</Document>\n");
            if (v == Pain001Version.V09) {
                reqdExctnDtOpen = bytes("\n            <ReqdExctnDt>\n                <Dt>");
                reqdExctnDtClose = bytes("</Dt>\n            </ReqdExctnDt>");
            } else {
                reqdExctnDtOpen = bytes("\n            <ReqdExctnDt>");
                reqdExctnDtClose = bytes("</ReqdExctnDt>");
            }
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }
}
