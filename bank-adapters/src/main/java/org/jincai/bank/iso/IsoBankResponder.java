package org.jincai.bank.iso;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jincai.bank.file.OutboundCredit;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.IsoProblemCodes;
import org.jincai.formats.iso20022.IsoXsdValidator;
import org.jincai.formats.iso20022.Pain001Reader;
import org.jincai.formats.iso20022.Pain002V10Writer;
import org.jincai.formats.iso20022.PaymentInstruction;
import org.jincai.formats.iso20022.PaymentStatusReport;
import org.jincai.formats.iso20022.TransactionStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated ISO 20022 bank. It reads each pain.001 as a bank's front end would and answers with one
 * pain.002.001.10 named {@code <inbound name without extension>.pain002.xml}:
 * <ul>
 *   <li>a file it cannot read at all: GrpSts RJCT, reason {@value #INVALID_FILE_FORMAT}, no
 *       transactions (there are none it could name); OrgnlMsgId is then the file's name;</li>
 *   <li>a readable file that breaks the XSD, is not the profile's pain.001 version, or whose NbOfTxs
 *       or CtrlSum disagree with its transactions: GrpSts RJCT, reason {@value #INVALID_FILE_FORMAT},
 *       and every transaction RJCT with the same reason, so the hub can release each payment, as the
 *       pipe-layout bank does with a refused file;</li>
 *   <li>a MsgId it has already processed: GrpSts RJCT, reason {@value #DUPLICATE}, no transactions;</li>
 *   <li>otherwise each credit goes through the {@link RejectionRule}: RJCT with the rule's code and
 *       text, else ACCP; GrpSts ACCP when all are accepted, RJCT when none is, PART in between.</li>
 * </ul>
 * Deterministic: the same files in the same order give the same answers (the answer's MsgId is a
 * digest of the inbound name and content, its CreDtTm comes from the clock). The memory of processed
 * MsgIds lives as long as this responder. Thread-safe.
 */
public final class IsoBankResponder implements BankResponder {

    /** ExternalStatusReason1Code "Invalid File Format". */
    public static final String INVALID_FILE_FORMAT = "FF01";
    /** ExternalStatusReason1Code "Duplication". */
    public static final String DUPLICATE = "AM05";
    public static final String ANSWER_SUFFIX = ".pain002.xml";

    private static final Logger log = LoggerFactory.getLogger(IsoBankResponder.class);
    /** Max35Text: MsgId, OrgnlMsgId. */
    private static final int MAX_ID = 35;
    /** A bank's explanation is a few lines of AddtlInf, not a whole validation report. */
    private static final int MAX_EXPLANATION = 315;

    private final BankProfile profile;
    private final RejectionRule rule;
    private final Clock clock;
    private final String expectedMessage;
    private final Pain001Reader reader = new Pain001Reader();
    private final IsoXsdValidator validator = new IsoXsdValidator();
    private final Pain002V10Writer writer = new Pain002V10Writer();
    private final Set<String> processedMessageIds = ConcurrentHashMap.newKeySet();

    public IsoBankResponder(BankProfile profile, RejectionRule rule) {
        this(profile, rule, Clock.system(ZoneId.of("Asia/Shanghai")));
    }

    /** With the clock that stamps the answers' CreDtTm. */
    public IsoBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.clock = Objects.requireNonNull(clock, "clock");
        String outbound = profile.outboundFormat() == null ? null : profile.outboundFormat().id();
        this.expectedMessage = outbound != null && outbound.startsWith("pain.001.") && IsoXsdValidator.supports(outbound)
                ? outbound : Pain002V10Writer.DEFAULT_ORIGINAL_MESSAGE_NAME_ID;
    }

    @Override
    public List<AnswerFile> respond(String inboundFileName, byte[] content) {
        PaymentStatusReport report = answer(inboundFileName, content);
        return List.of(new AnswerFile(answerFileName(inboundFileName), writer.write(report)));
    }

    /** {@code <inbound name without its extension>.pain002.xml}. */
    public static String answerFileName(String inboundFileName) {
        int dot = inboundFileName.lastIndexOf('.');
        String base = dot > 0 ? inboundFileName.substring(0, dot) : inboundFileName;
        return base + ANSWER_SUFFIX;
    }

    private PaymentStatusReport answer(String fileName, byte[] content) {
        String reportId = reportId(fileName, content);
        OffsetDateTime now = OffsetDateTime.now(clock).truncatedTo(ChronoUnit.SECONDS);
        Pain001Reader.Result read;
        try {
            read = reader.readCollecting(new ByteArrayInputStream(content), fileName);
        } catch (FormatException e) {
            log.warn("bank {} cannot read {}: {}", profile.code(), fileName, e.problem());
            return new PaymentStatusReport(reportId, now, cut(baseName(fileName), MAX_ID), expectedMessage, "RJCT",
                    INVALID_FILE_FORMAT, explain(e.problem()), List.of());
        }
        String messageId = read.initiation().messageId();
        Optional<Problem> refusal = fileProblem(fileName, content, read);
        if (refusal.isPresent()) {
            log.warn("bank {} refuses {} whole: {}", profile.code(), fileName, refusal.get());
            List<TransactionStatus> statuses = new ArrayList<>();
            for (PaymentInstruction p : read.initiation().paymentInstructions()) {
                for (CreditTransferTransaction t : p.transactions()) {
                    statuses.add(new TransactionStatus(p.paymentInformationId(), t.instructionId(), t.endToEndId(), "RJCT",
                            INVALID_FILE_FORMAT, null));
                }
            }
            return new PaymentStatusReport(reportId, now, cut(messageId, MAX_ID), originalName(read), "RJCT",
                    INVALID_FILE_FORMAT, explain(refusal.get()), statuses);
        }
        if (!processedMessageIds.add(messageId)) {
            log.warn("bank {} refuses {}: message {} was processed before", profile.code(), fileName, messageId);
            return new PaymentStatusReport(reportId, now, messageId, originalName(read), "RJCT", DUPLICATE,
                    "message " + messageId + " has already been received", List.of());
        }
        List<TransactionStatus> statuses = new ArrayList<>();
        int rejected = 0;
        for (PaymentInstruction p : read.initiation().paymentInstructions()) {
            for (CreditTransferTransaction t : p.transactions()) {
                Optional<RejectionRule.Rejection> rejection = rule.check(toCredit(t));
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
        return new PaymentStatusReport(reportId, now, messageId, originalName(read), group, statuses);
    }

    /** Why the whole file is refused although it could be read: version, schema, totals, in that order. */
    private Optional<Problem> fileProblem(String fileName, byte[] content, Pain001Reader.Result read) {
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

    /** A digest-based MsgId: unique per inbound name and content, the same on every run. */
    private static String reportId(String fileName, byte[] content) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(fileName.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(content);
            return "PSR" + HexFormat.of().formatHex(sha.digest()).substring(0, MAX_ID - 3).toUpperCase();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    private static String baseName(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot > 0 ? fileName.substring(0, dot) : fileName;
    }

    /** At most {@code max} chars, never between the halves of a surrogate pair. */
    private static String cut(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end);
    }
}
