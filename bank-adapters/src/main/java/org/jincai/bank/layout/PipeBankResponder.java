package org.jincai.bank.layout;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.layout.internal.PipeStreams;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.BankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.formats.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bank of the pipe layout. It reads the payment file as the bank's loader would and
 * answers with one return file named {@code <payment file without .txt>.ret.txt}:
 * <ul>
 *   <li>summary and lines agree: each line S, or F with the rule's reason (e.g. AC04 for a closed account);</li>
 *   <li>summary disagrees with the lines: the file is refused whole, every line F with reason
 *       {@value #TOTALS_REASON};</li>
 *   <li>the file cannot be read at all (or carries a payee id twice): a short return, the summary
 *       only, with 0 lines and 0.00, meaning nothing in the file was processed.</li>
 * </ul>
 * The return's summary always counts and totals the lines it carries, so the hub can read it.
 */
public class PipeBankResponder implements BankResponder {

    /** Reason code on every line of a file refused because its totals disagree with its lines. */
    public static final String TOTALS_REASON = "TOTALS";
    /** 汇总笔数或金额与明细不符: the totals text a Chinese bank would send, in the bank's charset. */
    public static final String TOTALS_TEXT = "汇总笔数或金额与明细不符";

    private static final Logger log = LoggerFactory.getLogger(PipeBankResponder.class);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    private final BankProfile profile;
    private final RejectionRule rule;
    private final Clock clock;
    private final PipeFileReader reader;
    private final PipeReturnWriter writer;

    public PipeBankResponder(BankProfile profile, RejectionRule rule) {
        this(profile, rule, Clock.systemDefaultZone());
    }

    /** With a clock for the processing date of a short return whose payment file had no readable date. */
    public PipeBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.reader = new PipeFileReader(profile);
        this.writer = new PipeReturnWriter(profile);
    }

    @Override
    public List<AnswerFile> respond(String inboundFileName, byte[] content) {
        String returnName = PipeLayout.returnFileName(inboundFileName);
        PipeReturnFile answer;
        try {
            PipePaymentFile file = reader.parse(inboundFileName, new ByteArrayInputStream(content));
            answer = answer(returnName, file);
        } catch (BankFileException e) {
            log.warn("bank {} refuses unreadable file {}: {}", profile.code(), inboundFileName, e.problem());
            answer = new PipeReturnFile(returnName, bestEffortSummary(inboundFileName, content), List.of());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(content.length + 64 * (answer.lines().size() + 1));
        writer.write(answer, out);
        return List.of(new AnswerFile(returnName, out.toByteArray()));
    }

    private PipeReturnFile answer(String returnName, PipePaymentFile file) {
        Optional<Problem> totals = PipeLayout.totalsProblem(file.fileName(), file.summary(), file.details().size(), file.detailTotal());
        if (hasDuplicatePayeeIds(file)) {
            log.warn("bank {} refuses file {}: a payee id appears twice", profile.code(), file.fileName());
            return new PipeReturnFile(returnName, file.summary().withTotals(0, BigDecimal.ZERO.setScale(2)), List.of());
        }
        List<PipeReturnLine> lines = new ArrayList<>(file.details().size());
        if (totals.isPresent()) {
            log.warn("bank {} refuses file {} whole: {}", profile.code(), file.fileName(), totals.get());
            file.details().forEach(d -> lines.add(PipeReturnLine.failure(d, TOTALS_REASON, TOTALS_TEXT)));
        } else {
            for (PipeDetail d : file.details()) {
                lines.add(rule.check(d.toCredit())
                        .map(r -> PipeReturnLine.failure(d, r.reasonCode(), r.reasonText()))
                        .orElseGet(() -> PipeReturnLine.success(d)));
            }
        }
        BigDecimal total = file.detailTotal().setScale(2);
        return new PipeReturnFile(returnName, file.summary().withTotals(lines.size(), total), lines);
    }

    private static boolean hasDuplicatePayeeIds(PipePaymentFile file) {
        Set<String> seen = new HashSet<>();
        return !file.details().stream().allMatch(d -> seen.add(d.payeeId()));
    }

    /** What can be salvaged of line 1 of an unreadable file, with placeholders where nothing usable is found. */
    private PipeSummary bestEffortSummary(String fileName, byte[] content) {
        Charset charset = profile.charset();
        String text = new String(content, charset);
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        String[] f = first.split("\\|", -1);
        boolean summaryLike = f.length >= 5 && f[0].equals("H");
        String fallbackId = fileName.endsWith(PipeLayout.EXTENSION)
                ? fileName.substring(0, fileName.length() - PipeLayout.EXTENSION.length()) : fileName;
        String messageId = summaryLike ? usable(f[1], charset, fallbackId) : usable(fallbackId, charset, "-");
        LocalDate date = LocalDate.now(clock);
        if (summaryLike) {
            try {
                date = LocalDate.parse(f[2], DATE);
            } catch (DateTimeParseException ignored) {
                // keep today's date: the bank processed (and refused) the file today
            }
        }
        return new PipeSummary(messageId, date, summaryLike ? usable(f[3], charset, "-") : "-",
                summaryLike ? usable(f[4], charset, "-") : "-", 0, BigDecimal.ZERO.setScale(2));
    }

    private static String usable(String value, Charset charset, String fallback) {
        if (value == null || value.isBlank() || value.contains("\uFFFD")
                || value.chars().anyMatch(Character::isISOControl)
                || PipeStreams.firstUnencodable(PipeStreams.strictEncoder(charset), value) != null) {
            return fallback;
        }
        return value;
    }
}
