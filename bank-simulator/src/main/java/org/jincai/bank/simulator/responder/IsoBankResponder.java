package org.jincai.bank.simulator.responder;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.AbstractBankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.SimulatedBatch;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain001Reader;
import org.jincai.formats.iso20022.Pain002V10Writer;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.jincai.formats.iso20022.PaymentStatusReport;
import org.jincai.formats.iso20022.TransactionStatus;

/**
 * A simulated ISO 20022 bank. It reads each pain.001 as a bank's front end would and answers with one
 * pain.002.001.10 named {@code <inbound name without extension>.pain002.xml} (the policy on duplicates
 * and refusals, and the camt.053 that books accepted credits, are {@link AbstractBankResponder}'s):
 * <ul>
 *   <li>a file it cannot read at all: GrpSts RJCT, reason {@value #INVALID_FILE_FORMAT}, no
 *       transactions (there are none it could name); OrgnlMsgId is then the file's name;</li>
 *   <li>a readable file that breaks the XSD, is not the profile's pain.001 version, or whose NbOfTxs
 *       or CtrlSum disagree with its transactions: GrpSts RJCT, reason {@value #INVALID_FILE_FORMAT},
 *       and every transaction RJCT with the same reason, so the hub can release each payment, as the
 *       text-layout banks do with a refused file;</li>
 *   <li>a file name or MsgId it has already received: GrpSts RJCT, reason {@value #DUPLICATE}, no
 *       transactions; an end-to-end id twice in the file: RJCT {@value #INVALID_FILE_FORMAT}, no transactions;</li>
 *   <li>otherwise each credit goes through the {@link RejectionRule}: RJCT with the rule's code and
 *       text, else ACCP; GrpSts ACCP when all are accepted, RJCT when none is, PART in between.</li>
 * </ul>
 * ACCP means accepted, not paid: the camt.053 booking is what says paid (the profile's
 * {@code answerSettles} is false). Deterministic: the same files in the same order give the same
 * answers (the answer's MsgId is a digest of the answer's name and the inbound content, its CreDtTm
 * comes from the clock).
 */
public final class IsoBankResponder extends AbstractBankResponder<Pain001Reader.Result> {

    /** ExternalStatusReason1Code "Invalid File Format". */
    public static final String INVALID_FILE_FORMAT = "FF01";
    /** ExternalStatusReason1Code "Duplication". */
    public static final String DUPLICATE = "AM05";
    public static final String ANSWER_SUFFIX = ".pain002.xml";

    /** Max35Text: MsgId, OrgnlMsgId. */
    private static final int MAX_ID = 35;
    /** A bank's explanation is a few lines of AddtlInf, not a whole validation report. */
    private static final int MAX_EXPLANATION = 315;

    private final String expectedMessage;
    private final Pain001Reader reader = new Pain001Reader();
    private final IsoXsdValidator validator = new IsoXsdValidator();
    private final Pain002V10Writer writer = new Pain002V10Writer();

    public IsoBankResponder(BankProfile profile, RejectionRule rule) {
        this(profile, rule, Clock.system(BankProfile.ZONE));
    }

    /** With the clock that stamps the answers' CreDtTm. */
    public IsoBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        super(profile, rule, clock);
        String outbound = profile.outboundFormat() == null ? null : profile.outboundFormat().id();
        this.expectedMessage = outbound != null && outbound.startsWith("pain.001.") && IsoXsdValidator.supports(outbound)
                ? outbound : Pain002V10Writer.DEFAULT_ORIGINAL_MESSAGE_NAME_ID;
    }

    /** {@code <inbound name without its extension>.pain002.xml}. */
    public static String answerFileName(String inboundFileName) {
        return baseName(inboundFileName) + ANSWER_SUFFIX;
    }

    @Override
    protected String statusAnswerName(String inboundFileName) {
        return answerFileName(inboundFileName);
    }

    @Override
    protected Pain001Reader.Result parse(String fileName, byte[] content) {
        return reader.readCollecting(new ByteArrayInputStream(content), fileName);
    }

    @Override
    protected SimulatedBatch batch(Pain001Reader.Result read) {
        List<PaymentInstruction> blocks = read.initiation().paymentInstructions();
        List<SimulatedBatch.Credit> credits = new ArrayList<>();
        for (PaymentInstruction p : blocks) {
            for (CreditTransferTransaction t : p.transactions()) {
                credits.add(new SimulatedBatch.Credit(p.paymentInformationId(), t.instructionId(), toCredit(t)));
            }
        }
        PaymentInstruction first = blocks.isEmpty() ? null : blocks.get(0);
        LocalDate date = first == null ? null : first.requestedExecutionDate();
        return new SimulatedBatch(read.initiation().messageId(), date, first == null ? null : first.debtorAccount(),
                first == null ? null : first.debtorName(), credits);
    }

    /** Why the whole file is refused although it could be read: version, schema, totals, in that order. */
    @Override
    protected Optional<Problem> fileProblem(String fileName, byte[] content, Pain001Reader.Result read) {
        if (!expectedMessage.equals(read.messageNameId())) {
            return Optional.of(Problem.of(IsoProblemCodes.ISO_UNSUPPORTED_MESSAGE, "bank " + profile.code() + " accepts "
                    + expectedMessage + ", not " + read.messageNameId(), fileName));
        }
        List<Problem> schema = validator.validate(content, expectedMessage, fileName);
        if (!schema.isEmpty()) {
            return Optional.of(schema.get(0));
        }
        return read.problems().stream().findFirst();
    }

    @Override
    protected byte[] answerUnread(Arrival arrival, Pain001Reader.Result read, Refusal refusal, Problem problem) {
        String originalId = read != null ? cut(read.initiation().messageId(), MAX_ID) : cut(baseName(arrival.fileName()), MAX_ID);
        String originalName = read != null ? originalName(read) : expectedMessage;
        String reason = refusal == Refusal.DUPLICATE_FILE ? DUPLICATE : INVALID_FILE_FORMAT;
        PaymentStatusReport report = new PaymentStatusReport(reportId(arrival), now(), originalId, originalName,
                "RJCT", reason, explain(problem), List.of());
        return writer.write(report);
    }

    @Override
    protected byte[] answerRefusedWhole(Arrival arrival, Pain001Reader.Result read, Problem problem) {
        List<TransactionStatus> statuses = new ArrayList<>();
        for (PaymentInstruction p : read.initiation().paymentInstructions()) {
            for (CreditTransferTransaction t : p.transactions()) {
                statuses.add(new TransactionStatus(p.paymentInformationId(), t.instructionId(), t.endToEndId(), "RJCT",
                        INVALID_FILE_FORMAT, null));
            }
        }
        PaymentStatusReport report = new PaymentStatusReport(reportId(arrival), now(),
                cut(read.initiation().messageId(), MAX_ID), originalName(read), "RJCT", INVALID_FILE_FORMAT, explain(problem),
                statuses);
        return writer.write(report);
    }

    @Override
    protected byte[] answer(Arrival arrival, Pain001Reader.Result read, List<Optional<RejectionRule.Rejection>> decisions) {
        List<TransactionStatus> statuses = new ArrayList<>();
        int index = 0;
        int rejected = 0;
        for (PaymentInstruction p : read.initiation().paymentInstructions()) {
            for (CreditTransferTransaction t : p.transactions()) {
                Optional<RejectionRule.Rejection> rejection = decisions.get(index++);
                if (rejection.isPresent()) {
                    rejected++;
                }
                statuses.add(rejection
                        .map(r -> new TransactionStatus(p.paymentInformationId(), t.instructionId(), t.endToEndId(), "RJCT",
                                r.reasonCode(), r.reasonText()))
                        .orElseGet(() -> new TransactionStatus(p.paymentInformationId(), t.instructionId(), t.endToEndId(),
                                "ACCP", null, null)));
            }
        }
        String group = rejected == 0 ? "ACCP" : rejected == statuses.size() ? "RJCT" : "PART";
        PaymentStatusReport report = new PaymentStatusReport(reportId(arrival), now(),
                read.initiation().messageId(), originalName(read), group, statuses);
        return writer.write(report);
    }

    private OffsetDateTime now() {
        return OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
    }

    private String originalName(Pain001Reader.Result read) {
        return read.messageNameId() != null && read.messageNameId().startsWith("pain.001.")
                ? read.messageNameId() : expectedMessage;
    }

    /** The credit as the rule sees it: the same fields the hub put into the pain.001. */
    private static OutboundCredit toCredit(CreditTransferTransaction t) {
        return new OutboundCredit(t.endToEndId(), t.amount(), t.creditorName(), t.creditorAccount(),
                t.creditorAgentMemberId(), t.creditorAgentName(), t.remittanceInformation());
    }

    private static String explain(Problem p) {
        return cut(p.toString(), MAX_EXPLANATION);
    }

    /** A digest-based MsgId: unique per inbound name (a second arrival's is X-dup2) and content, the same on every run. */
    private static String reportId(Arrival arrival) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(arrival.fileName().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(arrival.content());
            return "PSR" + HexFormat.of().formatHex(sha.digest()).substring(0, MAX_ID - 3).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }
}
