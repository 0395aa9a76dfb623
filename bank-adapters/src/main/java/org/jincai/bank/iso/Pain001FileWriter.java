package org.jincai.bank.iso;

import static org.jincai.bank.file.BankFileErrors.AMOUNT_INVALID;
import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.EMPTY_FILE;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;
import static org.jincai.bank.file.BankFileErrors.IO_ERROR;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.FileHead;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.file.PaymentFile;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.Pain001GroupHeader;
import org.jincai.formats.iso20022.Pain001PaymentHeader;
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
 * <p>The file is written to its destination as it is produced: the credits are checked first (one pass over
 * the {@link CreditSource}, nothing built), then the streaming {@link Pain001StreamWriter} writes the group header with the totals,
 * and each credit as the iterator reaches it, straight to {@code out}; no object model and no byte array
 * of the whole payroll exist, so a file of 100,000 credits costs the memory of one. The writer refuses
 * what the XSD would (an id over 35 characters is ISO_FIELD_TOO_LONG), and the official XSD checks the
 * bytes as they pass ({@link IsoOutput#validating}): an invalid file is a {@link BankFileException}
 * ({@value IsoBankErrors#ISO_OUTPUT_INVALID}). On any exception what reached {@code out} is a partial or
 * refused document: the caller writes to a staging file and discards it, so a bank never sees half a file.
 * The file is always UTF-8, as XML declares it; the profile's character set applies to the banks' own
 * layouts, not to ISO 20022, and its transliteration policy PINYIN writes every text in ASCII pinyin.
 * Currency is CNY, the only currency of treasury payments. Instances are thread-safe.
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
     * Writes the file to {@code out} as it is produced.
     *
     * @throws BankFileException EMPTY_FILE, FIELD_MISSING, AMOUNT_INVALID, DUPLICATE_END_TO_END_ID,
     *         an ISO problem code (ISO_BANK_NUMBER_INVALID, ISO_FIELD_TOO_LONG, ...), ISO_OUTPUT_INVALID or IO_ERROR
     */
    @Override
    public void write(FileHead file, CreditSource credits, OutputStream out) throws BankFileException {
        Totals totals = check(file, credits);
        String name = AS_GIVEN.version().messageNameId();
        Pain001GroupHeader group = new Pain001GroupHeader(file.messageId(),
                OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS), file.payerName(), totals.count(),
                totals.total());
        Pain001PaymentHeader block = new Pain001PaymentHeader(file.messageId(), file.executionDate(),
                profile.batchBooking(), file.payerName(), file.payerAccount(), file.payerBankNo(), totals.count(),
                totals.total());
        try (IsoOutput.Validated validated = IsoOutput.validating(out, name, name + " for bank " + profile.code(),
                file.fileName()); Stream<OutboundCredit> all = credits.open()) {
            Pain001StreamWriter w = Pain001StreamWriter.open(validated, options(), group);
            w.paymentInformation(block, all.map(Pain001FileWriter::transaction).iterator());
            w.finish();
            validated.finish();
        } catch (FormatException e) {
            throw new BankFileException(e.problem(), e);
        } catch (UncheckedIOException e) {
            throw new BankFileException(Problem.of(IO_ERROR, String.valueOf(e.getCause().getMessage()),
                    "file " + file.fileName()), e);
        }
    }

    /** The validated document in memory: for small files, tests and tools ({@link #write} streams). */
    public byte[] render(PaymentFile file) throws BankFileException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(4096);
        write(file, bytes);
        return bytes.toByteArray();
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
        check(file.head(), CreditSource.of(file.credits()));
        List<CreditTransferTransaction> transactions = file.credits().stream().map(Pain001FileWriter::transaction).toList();
        PaymentInstruction block = new PaymentInstruction(file.messageId(), file.executionDate(), profile.batchBooking(),
                file.payerName(), file.payerAccount(), file.payerBankNo(), transactions);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        return new CreditTransferInitiation(file.messageId(), now, file.payerName(), List.of(block));
    }

    /** The number of credits of a file and their sum. */
    private record Totals(long count, BigDecimal total) {
    }

    /** Checks what the bank needs of the file and its credits, in one pass over them; their count and sum. */
    private static Totals check(FileHead file, CreditSource credits) throws BankFileException {
        String location = "file " + file.fileName();
        requirePresent(file.messageId(), "messageId", location);
        requirePresent(file.payerAccount(), "payerAccount", location);
        requirePresent(file.payerName(), "payerName", location);
        requirePresent(file.payerBankNo(), "payerBankNo", location);
        if (file.executionDate() == null) {
            throw new BankFileException(FIELD_MISSING, "executionDate is empty", location);
        }
        Set<String> seen = credits.distinctIds() ? null : new HashSet<>();
        BigDecimal total = BigDecimal.ZERO;
        long index = 0;
        try (Stream<OutboundCredit> all = credits.open()) {
            for (Iterator<OutboundCredit> it = all.iterator(); it.hasNext(); ) {
                OutboundCredit c = it.next();
                String at = location + " credit " + ++index + " (" + c.endToEndId() + ")";
                requirePresent(c.endToEndId(), "endToEndId", at);
                requirePresent(c.payeeName(), "payeeName", at);
                requirePresent(c.payeeAccount(), "payeeAccount", at);
                if (seen != null && !seen.add(c.endToEndId())) {
                    // the bank's answers are matched to payments by this id: it must be unique in the file
                    throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + c.endToEndId()
                            + " appears twice", at);
                }
                checkAmount(c.amount(), at);
                total = total.add(c.amount());
            }
        }
        if (index == 0) {
            throw new BankFileException(EMPTY_FILE, "a payment file needs at least one credit", location);
        }
        return new Totals(index, total);
    }

    private static CreditTransferTransaction transaction(OutboundCredit c) {
        return new CreditTransferTransaction(c.endToEndId(), c.endToEndId(), c.amount(), CURRENCY, c.payeeName(),
                c.payeeAccount(), blankToNull(c.payeeBankNo()), blankToNull(c.payeeBankName()), blankToNull(c.remittance()));
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
