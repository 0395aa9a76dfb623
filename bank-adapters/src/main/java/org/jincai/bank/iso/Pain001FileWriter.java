package org.jincai.bank.iso;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_INVALID;
import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.EMPTY_FILE;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;
import static org.jincai.bank.file.BankFileErrors.IO_ERROR;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.Pain001StreamWriter;
import org.jincai.formats.iso20022.Pain001Version;
import org.jincai.formats.iso20022.Pain001WriteOptions;
import org.jincai.formats.iso20022.PaymentInstruction;

/**
 * Renders a payment file as one pain.001.001.09 for an ISO 20022 bank: MsgId and the single PmtInf id
 * are the file's message id, the debtor is the payer account at the payer's bank (its CNAPS number),
 * BtchBookg comes from the bank profile, and each credit's InstrId and EndToEndId are the hub's
 * end-to-end id, which the bank's pain.002 echoes back.
 *
 * <p>The document is rendered by the streaming {@link Pain001StreamWriter} (no object model of the whole
 * payroll is built; the writer refuses what the XSD would, e.g. an id over 35 characters is
 * ISO_FIELD_TOO_LONG) and validated against the official XSD before a byte reaches {@code out}: an
 * invalid file is a {@link BankFileException} ({@value IsoBankErrors#ISO_OUTPUT_INVALID}) and a bank
 * never sees half a file. The file is always UTF-8, as XML declares it; the profile's character set
 * applies to the banks' own layouts, not to ISO 20022, and its transliteration policy PINYIN writes every
 * text in ASCII pinyin. Currency is CNY, the only currency of treasury
 * payments. Instances are thread-safe.
 */
public final class Pain001FileWriter implements BankFileWriter {

    public static final String CURRENCY = "CNY";
    /** pain.001.001.09, UTF-8 text as given. */
    private static final Pain001WriteOptions AS_GIVEN = Pain001WriteOptions.of(Pain001Version.V09);
    /** pain.001.001.09 with every text in ASCII pinyin, for a bank whose profile says PINYIN. */
    private static final Pain001WriteOptions PINYIN = AS_GIVEN.transliterated();

    private final BankProfile profile;
    private final Clock clock;

    public Pain001FileWriter(BankProfile profile) {
        this(profile, Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    /** With the clock that stamps GrpHdr/CreDtTm, for files that must come out byte for byte the same. */
    public Pain001FileWriter(BankProfile profile, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @throws BankFileException EMPTY_FILE, FIELD_MISSING, AMOUNT_INVALID, DUPLICATE_END_TO_END_ID,
     *         an ISO problem code (ISO_BANK_NUMBER_INVALID, ISO_FIELD_TOO_LONG, ...), ISO_OUTPUT_INVALID or IO_ERROR
     */
    @Override
    public void write(PaymentFile file, OutputStream out) throws BankFileException {
        byte[] xml = render(file);
        try {
            out.write(xml);
        } catch (IOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, String.valueOf(e.getMessage()), "file " + file.fileName()), e);
        }
    }

    /** The validated document, ready for upload. */
    public byte[] render(PaymentFile file) throws BankFileException {
        CreditTransferInitiation message = toInitiation(file);
        byte[] xml;
        try {
            xml = Pain001StreamWriter.toBytes(message, options());
        } catch (FormatException e) {
            throw new BankFileException(e.problem(), e);
        }
        return IsoOutput.requireValid(xml, AS_GIVEN.version().messageNameId(),
                AS_GIVEN.version().messageNameId() + " for bank " + profile.code(), file.fileName());
    }

    /**
     * The profile's transliteration policy as the ISO writer honours it: PINYIN puts every text in ASCII;
     * under REFUSE and TRANSLITERATE the text goes as given, since UTF-8 carries every name.
     */
    private Pain001WriteOptions options() {
        return profile.transliteration() == TransliterationPolicy.PINYIN ? PINYIN : AS_GIVEN;
    }

    /** The pain.001 content of {@code file}: one payment information block, one transaction per credit. */
    public CreditTransferInitiation toInitiation(PaymentFile file) throws BankFileException {
        String location = "file " + file.fileName();
        if (file.credits().isEmpty()) {
            throw new BankFileException(EMPTY_FILE, "a payment file needs at least one credit", location);
        }
        requirePresent(file.messageId(), "messageId", location);
        requirePresent(file.payerAccount(), "payerAccount", location);
        requirePresent(file.payerName(), "payerName", location);
        requirePresent(file.payerBankNo(), "payerBankNo", location);
        if (file.executionDate() == null) {
            throw new BankFileException(FIELD_MISSING, "executionDate is empty", location);
        }
        List<CreditTransferTransaction> transactions = new ArrayList<>(file.credits().size());
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (OutboundCredit c : file.credits()) {
            String at = location + " credit " + ++index + " (" + c.endToEndId() + ")";
            requirePresent(c.endToEndId(), "endToEndId", at);
            requirePresent(c.payeeName(), "payeeName", at);
            requirePresent(c.payeeAccount(), "payeeAccount", at);
            if (!seen.add(c.endToEndId())) {
                // the bank's answers are matched to payments by this id: it must be unique in the file
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + c.endToEndId() + " appears twice", at);
            }
            checkAmount(c.amount(), at);
            transactions.add(new CreditTransferTransaction(c.endToEndId(), c.endToEndId(), c.amount(), CURRENCY,
                    c.payeeName(), c.payeeAccount(), blankToNull(c.payeeBankNo()), blankToNull(c.payeeBankName()),
                    blankToNull(c.remittance())));
        }
        PaymentInstruction block = new PaymentInstruction(file.messageId(), file.executionDate(), profile.batchBooking(),
                file.payerName(), file.payerAccount(), file.payerBankNo(), transactions);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return new CreditTransferInitiation(file.messageId(), now, file.payerName(), List.of(block));
    }

    private static void requirePresent(String value, String field, String location) {
        if (value == null || value.isBlank()) {
            throw new BankFileException(FIELD_MISSING, field + " is empty", location);
        }
    }

    private static void checkAmount(BigDecimal amount, String location) {
        if (amount == null || amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
            throw new BankFileException(AMOUNT_INVALID, "amount " + (amount == null ? "<none>" : amount.toPlainString())
                    + " must be positive and in whole fen", location);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
