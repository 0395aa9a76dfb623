package org.jincai.formats.convert;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.EnvelopeReadResult;
import org.jincai.formats.fiscal.PaymentVoucher;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.VoucherDetail;
import org.jincai.formats.fiscal.VoucherReadResult;
import org.jincai.formats.iso20022.CreditTransferInitiation;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.Pain001StreamWriter;
import org.jincai.formats.iso20022.Pain001WriteOptions;
import org.jincai.formats.iso20022.PaymentInstruction;

/**
 * Turns fiscal payment vouchers (支付凭证 5201, 8202, 5214) into a customer credit transfer
 * initiation, the message a bank executes them from ({@code ./jincai convert FILE --to pain.001.001.09}).
 *
 * <ul>
 *   <li>One credit per voucher detail (明细) with a payee (PayeeAcctNo); a voucher without details
 *       (header only) becomes one credit of its PayAmt to its header payee.</li>
 *   <li>The debtor is the voucher's paying account (PayAcctNo / PayAcctName, the zero-balance account),
 *       the debtor agent its agent bank (PayBankCode, a 12-digit CNAPS number); vouchers are grouped
 *       into one PmtInf per (PayBankCode, PayAcctNo), in the order they first appear.</li>
 *   <li>EndToEndId and InstrId are {@code VoucherNo-n} (n the detail's position, 1-based), or the
 *       VoucherNo alone for a header-only voucher: the bank's status report and statement bring them
 *       back. The creditor agent is PayeeAcctBankNo when it is a 12-digit bank number, with
 *       PayeeAcctBankName; the remittance text is the detail's Remark, else the voucher's
 *       PaySummaryName.</li>
 *   <li>Nothing is guessed: a voucher that is invalid ({@value #CONVERT_VOUCHER_INVALID}), not an
 *       original ({@value #CONVERT_NOT_AN_ORIGINAL}), has an unusable paying bank
 *       ({@value #CONVERT_PAY_BANK_INVALID}) or ids too long for Max35Text ({@value #CONVERT_ID_TOO_LONG})
 *       is skipped whole; a detail without a payee or a positive amount ({@value #CONVERT_NO_PAYEE},
 *       {@value #CONVERT_AMOUNT_INVALID}) is skipped alone. Each skip is reported with its location.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class FiscalToPain001 {

    public static final String CONVERT_VOUCHER_INVALID = "CONVERT_VOUCHER_INVALID";
    public static final String CONVERT_NOT_AN_ORIGINAL = "CONVERT_NOT_AN_ORIGINAL";
    public static final String CONVERT_PAY_BANK_INVALID = "CONVERT_PAY_BANK_INVALID";
    public static final String CONVERT_NO_PAYEE = "CONVERT_NO_PAYEE";
    public static final String CONVERT_AMOUNT_INVALID = "CONVERT_AMOUNT_INVALID";
    public static final String CONVERT_ID_TOO_LONG = "CONVERT_ID_TOO_LONG";
    /** The envelope had errors of its own (VoucherCount); its vouchers were still converted. */
    public static final String CONVERT_ENVELOPE_PROBLEM = "CONVERT_ENVELOPE_PROBLEM";
    /** No voucher gave a credit: there is no message to write. */
    public static final String CONVERT_NOTHING_TO_PAY = "CONVERT_NOTHING_TO_PAY";

    public static final String CURRENCY = "CNY";
    private static final int MAX_ID = 35;

    /**
     * The message's own fields.
     *
     * @param messageId        GrpHdr/MsgId; PmtInfIds are {@code messageId-n}, so at most 31 characters
     * @param executionDate    ReqdExctnDt of every block
     * @param batchBooking     BtchBookg of every block; null leaves it to the bank
     * @param onlyPayBankCode  convert only the vouchers of this agent bank (the {@code --bank} option); null for all
     */
    public record Options(String messageId, OffsetDateTime creationDateTime, LocalDate executionDate, Boolean batchBooking,
            String initiatingPartyName, String onlyPayBankCode) {

        public Options {
            Objects.requireNonNull(messageId, "messageId");
            Objects.requireNonNull(creationDateTime, "creationDateTime");
            Objects.requireNonNull(executionDate, "executionDate");
            if (messageId.length() > MAX_ID - 4) {
                throw new IllegalArgumentException("messageId must leave room for the PmtInf suffix: at most 31 characters");
            }
        }
    }

    /**
     * The result: the initiation (null when nothing could be converted, with
     * {@value #CONVERT_NOTHING_TO_PAY} among the problems), what was skipped and why, and how many
     * vouchers went in.
     */
    public record Conversion(CreditTransferInitiation initiation, List<Problem> problems, int vouchersConverted) {
        public Conversion {
            problems = List.copyOf(problems);
        }
    }

    private FiscalToPain001() {
    }

    public static Conversion convert(EnvelopeReadResult envelope, Options options) {
        List<Problem> problems = new ArrayList<>();
        for (Problem p : envelope.envelopeErrors()) {
            problems.add(Problem.of(CONVERT_ENVELOPE_PROBLEM, p.code() + ": " + p.message(), p.location()));
        }
        Conversion c = convert(envelope.vouchers(), options);
        problems.addAll(c.problems());
        return new Conversion(c.initiation(), problems, c.vouchersConverted());
    }

    public static Conversion convert(List<VoucherReadResult> vouchers, Options options) {
        List<Problem> problems = new ArrayList<>();
        Map<String, Block> blocks = new LinkedHashMap<>();
        int converted = 0;
        for (VoucherReadResult r : vouchers) {
            VoucherBody body = r.body();
            String at = body.location() + " / voucher " + body.voucherNo();
            if (!r.valid() || r.voucher() == null) {
                problems.add(Problem.of(CONVERT_VOUCHER_INVALID, "voucher has errors: "
                        + r.errors().stream().map(Problem::code).distinct().toList(), at));
                continue;
            }
            if (body.voucherFlag() != VoucherBody.FLAG_ORIGINAL) {
                problems.add(Problem.of(CONVERT_NOT_AN_ORIGINAL, "VoucherFlag " + body.voucherFlag()
                        + ": only original vouchers (0) are paid", at));
                continue;
            }
            PaymentVoucher v = r.voucher();
            if (options.onlyPayBankCode() != null && !options.onlyPayBankCode().equals(v.payBankCode())) {
                continue;
            }
            if (!isBankNumber(v.payBankCode()) || blank(v.payAcctNo())) {
                problems.add(Problem.of(CONVERT_PAY_BANK_INVALID, "PayBankCode '" + v.payBankCode() + "' / PayAcctNo '"
                        + v.payAcctNo() + "' cannot identify the debtor's bank and account", at));
                continue;
            }
            List<CreditTransferTransaction> credits = credits(v, at, problems);
            if (credits == null) {
                continue;
            }
            if (credits.isEmpty()) {
                continue;
            }
            String key = v.payBankCode() + "|" + v.payAcctNo();
            blocks.computeIfAbsent(key, k -> new Block(v)).credits.addAll(credits);
            converted++;
        }
        if (blocks.isEmpty()) {
            problems.add(Problem.of(CONVERT_NOTHING_TO_PAY, "no voucher gave a credit", options.messageId()));
            return new Conversion(null, problems, 0);
        }
        List<PaymentInstruction> instructions = new ArrayList<>();
        int n = 0;
        for (Block b : blocks.values()) {
            instructions.add(new PaymentInstruction(options.messageId() + "-" + ++n, options.executionDate(),
                    options.batchBooking() != null && options.batchBooking(), b.voucher.payAcctName(), b.voucher.payAcctNo(),
                    b.voucher.payBankCode(), b.credits));
        }
        String initiator = options.initiatingPartyName() != null ? options.initiatingPartyName()
                : instructions.get(0).debtorName();
        return new Conversion(new CreditTransferInitiation(options.messageId(), options.creationDateTime(), initiator,
                instructions), problems, converted);
    }

    /** The credits of one voucher; null when the whole voucher is skipped. */
    private static List<CreditTransferTransaction> credits(PaymentVoucher v, String at, List<Problem> problems) {
        List<CreditTransferTransaction> credits = new ArrayList<>();
        if (v.details().isEmpty()) {
            if (blank(v.payeeAcctNo())) {
                problems.add(Problem.of(CONVERT_NO_PAYEE, "a header-only voucher without PayeeAcctNo", at));
                return List.of();
            }
            String id = v.voucherNo();
            if (id == null || id.length() > MAX_ID) {
                problems.add(Problem.of(CONVERT_ID_TOO_LONG, "VoucherNo '" + id + "' does not fit EndToEndId (Max35Text)", at));
                return null;
            }
            if (v.payAmt() == null || v.payAmt().signum() <= 0) {
                problems.add(Problem.of(CONVERT_AMOUNT_INVALID, "PayAmt " + v.payAmt() + " is not a positive amount", at));
                return List.of();
            }
            credits.add(new CreditTransferTransaction(id, id, v.payAmt(), CURRENCY, v.payeeAcctName(), v.payeeAcctNo(),
                    isBankNumber(v.payeeAcctBankNo()) ? v.payeeAcctBankNo() : null, blankToNull(v.payeeAcctBankName()),
                    blankToNull(v.paySummaryName())));
            return credits;
        }
        int index = 0;
        for (VoucherDetail d : v.details()) {
            index++;
            String dAt = at + " / detail " + (d.id() == null ? index : d.id());
            String id = v.voucherNo() + "-" + index;
            if (id.length() > MAX_ID) {
                problems.add(Problem.of(CONVERT_ID_TOO_LONG, "'" + id + "' does not fit EndToEndId (Max35Text)", at));
                return null;
            }
            if (blank(d.payeeAcctNo())) {
                problems.add(Problem.of(CONVERT_NO_PAYEE, "a detail without PayeeAcctNo", dAt));
                continue;
            }
            if (d.payAmt() == null || d.payAmt().signum() <= 0) {
                problems.add(Problem.of(CONVERT_AMOUNT_INVALID, "PayAmt " + d.payAmt() + " is not a positive amount", dAt));
                continue;
            }
            String remittance = !blank(d.remark()) ? d.remark() : v.paySummaryName();
            credits.add(new CreditTransferTransaction(id, id, d.payAmt(), CURRENCY, d.payeeAcctName(), d.payeeAcctNo(),
                    isBankNumber(d.payeeAcctBankNo()) ? d.payeeAcctBankNo() : null, blankToNull(d.payeeAcctBankName()),
                    blankToNull(remittance)));
        }
        return credits;
    }

    /** Writes a conversion with the hub's streaming writer; nothing to write is an IllegalStateException. */
    public static void write(Conversion conversion, Pain001WriteOptions options, OutputStream out) {
        if (conversion.initiation() == null) {
            throw new IllegalStateException("nothing was converted: " + conversion.problems());
        }
        Pain001StreamWriter.write(conversion.initiation(), options, out);
    }

    /** As {@link #write}, as bytes. */
    public static byte[] toBytes(Conversion conversion, Pain001WriteOptions options) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(conversion, options, out);
        return out.toByteArray();
    }

    /** The total of a conversion's credits. */
    public static BigDecimal total(Conversion conversion) {
        return conversion.initiation() == null ? BigDecimal.ZERO : conversion.initiation().controlSum();
    }

    private static boolean isBankNumber(String s) {
        return s != null && s.length() == 12 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }

    private static final class Block {
        final PaymentVoucher voucher;
        final List<CreditTransferTransaction> credits = new ArrayList<>();

        Block(PaymentVoucher voucher) {
            this.voucher = voucher;
        }
    }
}
