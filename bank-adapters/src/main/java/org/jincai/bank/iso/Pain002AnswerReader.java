package org.jincai.bank.iso;

import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;
import static org.jincai.bank.file.BankFileErrors.UNKNOWN_STATUS;

import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.jincai.bank.file.BankAnswer;
import org.jincai.bank.file.BankAnswerReader;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.CreditStatus;
import org.jincai.bank.profile.BankProfile;
import org.jincai.formats.FormatException;
import org.jincai.formats.iso20022.IsoReadOptions;
import org.jincai.formats.iso20022.Pain002Reader;
import org.jincai.formats.iso20022.PaymentStatusReport;
import org.jincai.formats.iso20022.TransactionStatus;

/**
 * Reads an ISO 20022 bank's pain.002 (.10 or .03) as a {@link BankAnswer}: the original reference is
 * OrgnlMsgId (the hub's pain.001 MsgId), and each TxInfAndSts with a final status becomes one
 * {@link CreditStatus} keyed by OrgnlEndToEndId (OrgnlInstrId when the bank left the end-to-end id
 * out; the hub sends both equal).
 *
 * <p>Statuses: {@link #ACCEPTED} are accepted; RJCT and CANC are rejected with the first reason code
 * (Cd or Prtry) and the joined AddtlInf. Intermediate statuses (PDNG, RCVD, PATC, ACIS, BLCK, ...)
 * are not final: such transactions are left out, to be settled by a later report. A status outside
 * the ISO code list refuses the whole file (UNKNOWN_STATUS), as does an end-to-end id answered twice.
 *
 * <p>A group rejection without any transaction status (the bank could not read the file, FF01, or has
 * seen its MsgId before, AM05) is a {@link BankFileException}
 * {@value IsoBankErrors#ANSWER_WITHOUT_TRANSACTIONS}: it says nothing about any one payment, and
 * treating it as a rejection of them would be wrong for a duplicate (the first copy may have been
 * paid), so it goes to an operator. A group status other than RJCT without transactions gives an
 * answer with no statuses: nothing to apply yet.
 */
public final class Pain002AnswerReader implements BankAnswerReader {

    /** Statuses meaning the bank has taken the credit on (ACTC, technical acceptance, included by decision). */
    public static final Set<String> ACCEPTED = Set.of("ACCP", "ACSC", "ACSP", "ACTC", "ACWC", "ACCC", "ACFC", "ACWP");
    /** Statuses meaning the credit will not be paid. */
    public static final Set<String> REJECTED = Set.of("RJCT", "CANC");
    /**
     * Known statuses that are not final (ExternalPaymentTransactionStatus1Code), and the
     * verification-of-payee results some banks report in the same element.
     */
    public static final Set<String> NOT_FINAL = Set.of("PDNG", "RCVD", "PATC", "PART", "PRES", "ACIS", "ACPD", "BLCK",
            "RCVC", "RVMC", "RVNM", "RVNA");

    /** The placeholder banks put where the originator gave no end-to-end id. */
    private static final String NOT_PROVIDED = "NOTPROVIDED";

    private final Pain002Reader reader;

    public Pain002AnswerReader() {
        this(IsoReadOptions.strict());
    }

    /** For an ISO bank; its pain.002 is read strictly (ISO namespaces only). */
    public Pain002AnswerReader(BankProfile profile) {
        this(IsoReadOptions.strict());
        Objects.requireNonNull(profile, "profile");
    }

    /** With a bank's relaxations (a missing namespace, a national variant's namespace). */
    public Pain002AnswerReader(IsoReadOptions options) {
        this.reader = new Pain002Reader(options);
    }

    /**
     * @throws BankFileException the ISO reader's code (DOCTYPE_NOT_ALLOWED, ISO_NOT_READABLE,
     *         ISO_UNSUPPORTED_MESSAGE, ISO_FIELD_MISSING), ANSWER_WITHOUT_TRANSACTIONS, UNKNOWN_STATUS,
     *         FIELD_MISSING (a status without any id), DUPLICATE_END_TO_END_ID
     */
    @Override
    public BankAnswer read(String fileName, InputStream in) throws BankFileException {
        PaymentStatusReport report;
        try {
            report = reader.read(in, fileName);
        } catch (FormatException e) {
            throw new BankFileException(e.problem(), e);
        }
        String location = "file " + fileName;
        if (report.transactions().isEmpty() && "RJCT".equals(report.groupStatus())) {
            throw new BankFileException(IsoBankErrors.ANSWER_WITHOUT_TRANSACTIONS, "the bank rejects original message "
                    + report.originalMessageId() + " as a whole without a status per credit: reason "
                    + report.groupReasonCode() + (report.groupAdditionalInformation() == null ? ""
                    : " (" + report.groupAdditionalInformation() + ")"), location);
        }
        List<CreditStatus> statuses = new ArrayList<>(report.transactions().size());
        Set<String> seen = new HashSet<>();
        int index = 0;
        for (TransactionStatus t : report.transactions()) {
            String at = location + " TxInfAndSts[" + ++index + "]";
            String status = t.status();
            if (status == null || NOT_FINAL.contains(status)) {
                continue;
            }
            boolean accepted = ACCEPTED.contains(status);
            if (!accepted && !REJECTED.contains(status)) {
                throw new BankFileException(UNKNOWN_STATUS, "status '" + status + "' is not an ISO 20022 payment status", at);
            }
            String id = endToEndId(t);
            if (id == null) {
                throw new BankFileException(FIELD_MISSING, "a status without OrgnlEndToEndId or OrgnlInstrId cannot be"
                        + " matched to a payment", at);
            }
            if (!seen.add(id)) {
                throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + id + " is answered twice", at);
            }
            statuses.add(new CreditStatus(id, accepted, t.reasonCode(), t.additionalInformation()));
        }
        return new BankAnswer(fileName, report.originalMessageId(), statuses);
    }

    private static String endToEndId(TransactionStatus t) {
        String e2e = t.originalEndToEndId();
        if (e2e != null && !e2e.isBlank() && !NOT_PROVIDED.equals(e2e)) {
            return e2e;
        }
        String instr = t.originalInstructionId();
        return instr == null || instr.isBlank() ? null : instr;
    }
}
