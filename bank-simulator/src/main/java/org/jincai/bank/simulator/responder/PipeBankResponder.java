package org.jincai.bank.simulator.responder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import org.jincai.bank.file.Transliteration;
import org.jincai.bank.layout.PipeDetail;
import org.jincai.bank.layout.PipeFileReader;
import org.jincai.bank.layout.PipeLayout;
import org.jincai.bank.layout.PipePaymentFile;
import org.jincai.bank.layout.PipeReturnFile;
import org.jincai.bank.layout.PipeReturnLine;
import org.jincai.bank.layout.PipeReturnWriter;
import org.jincai.bank.layout.PipeSummary;
import org.jincai.bank.layout.TextLayout;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.SimulatedBatch;
import org.jincai.formats.Problem;

/**
 * A simulated bank of the pipe layout. It reads the payment file as the bank's loader would and
 * answers with one return file named {@code <payment file without .txt>.ret.txt} (the policy on
 * duplicates and refusals is {@link org.jincai.bank.simulator.AbstractBankResponder}'s):
 * <ul>
 *   <li>summary and lines agree: each line S, or F with the rule's reason (e.g. AC04 for a closed account);</li>
 *   <li>summary disagrees with the lines: the file is refused whole, every line F with reason
 *       {@value #TOTALS_REASON};</li>
 *   <li>the file cannot be read at all, carries a payee id twice, or was received before: a short
 *       return, the summary only, with 0 lines and 0.00, meaning nothing in the file was processed.</li>
 * </ul>
 * The return's summary always counts and totals the lines it carries (unless asked for
 * {@link AnswerFault#WRONG_TOTALS}), so the hub can read it.
 */
public class PipeBankResponder extends TextBankResponder<PipePaymentFile, PipeSummary, PipeDetail, PipeReturnLine> {

    /** Reason code on every line of a file refused because its totals disagree with its lines. */
    public static final String TOTALS_REASON = TextLayout.TOTALS_REASON;
    /** 汇总笔数或金额与明细不符: the totals text a Chinese bank would send, in the bank's charset. */
    public static final String TOTALS_TEXT = TextLayout.TOTALS_TEXT;

    private final PipeFileReader reader;
    private final PipeReturnWriter writer;

    public PipeBankResponder(BankProfile profile, RejectionRule rule) {
        this(profile, rule, Clock.system(BankProfile.ZONE));
    }

    /** With a clock for the processing date of a short return whose payment file had no readable date. */
    public PipeBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        super(profile, rule, clock);
        this.reader = new PipeFileReader(profile);
        this.writer = new PipeReturnWriter(profile);
    }

    @Override
    protected PipePaymentFile parse(String fileName, byte[] content) {
        return reader.parse(fileName, new ByteArrayInputStream(content));
    }

    @Override
    protected SimulatedBatch batch(PipePaymentFile file) {
        PipeSummary s = file.summary();
        List<SimulatedBatch.Credit> credits = file.details().stream()
                .map(d -> new SimulatedBatch.Credit(s.messageId(), d.payeeId(), d.toCredit())).toList();
        return new SimulatedBatch(s.messageId(), s.processingDate(), s.unitNumber(), s.payerName(), credits);
    }

    @Override
    protected Optional<Problem> fileProblem(String fileName, byte[] content, PipePaymentFile file) {
        return PipeLayout.totalsProblem(fileName, file.summary(), file.details().size(), file.detailTotal());
    }

    @Override
    PipeSummary header(PipePaymentFile file) {
        return file.summary();
    }

    @Override
    List<PipeDetail> details(PipePaymentFile file) {
        return file.details();
    }

    @Override
    PipeReturnLine success(PipeDetail detail) {
        return PipeReturnLine.success(detail);
    }

    @Override
    PipeReturnLine failure(PipeDetail detail, String reasonCode, String reasonText) {
        return PipeReturnLine.failure(detail, reasonCode, reasonText);
    }

    @Override
    BigDecimal amount(PipeReturnLine line) {
        return line.detail().amount();
    }

    @Override
    byte[] returnFile(String fileName, PipeSummary summary, List<PipeReturnLine> lines, int count, BigDecimal total) {
        PipeReturnFile answer = new PipeReturnFile(fileName, summary.withTotals(count, total.setScale(2)), lines);
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 * (lines.size() + 1));
        writer.write(answer, out);
        return out.toByteArray();
    }

    /** What can be salvaged of line 1 of an unreadable file, with placeholders where nothing usable is found. */
    @Override
    PipeSummary bestEffortHeader(String fileName, byte[] content) {
        Charset charset = profile.charset();
        String text = new String(content, charset);
        int end = text.indexOf('\n');
        String first = (end < 0 ? text : text.substring(0, end)).replace("\r", "");
        String[] f = first.split("\\|", -1);
        boolean summaryLike = f.length >= 5 && f[0].equals("H");
        String fallbackId = TextLayout.baseName(fileName);
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
                || Transliteration.firstUnencodable(value, charset) != null) {
            return fallback;
        }
        return value;
    }
}
