package org.jincai.bank.simulator.responder;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jincai.bank.layout.FixedDetail;
import org.jincai.bank.layout.FixedFileReader;
import org.jincai.bank.layout.FixedHeader;
import org.jincai.bank.layout.FixedLayout;
import org.jincai.bank.layout.FixedPaymentFile;
import org.jincai.bank.layout.FixedReturnFile;
import org.jincai.bank.layout.FixedReturnLine;
import org.jincai.bank.layout.FixedReturnWriter;
import org.jincai.bank.layout.FixedTrailer;
import org.jincai.bank.layout.TextLayout;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.bank.simulator.SimulatedBatch;
import org.jincai.formats.Problem;

/**
 * A simulated bank of the fixed-width layout. It reads the payment file as the bank's loader would and
 * answers with one fixed-width return file named {@code <payment file without .txt>.ret.txt} (the
 * policy on duplicates and refusals is {@link org.jincai.bank.simulator.AbstractBankResponder}'s):
 * <ul>
 *   <li>trailer and details agree: each detail S, or F with the rule's reason;</li>
 *   <li>the trailer disagrees with the details: refused whole, every detail F with reason
 *       {@value TextLayout#TOTALS_REASON};</li>
 *   <li>the file cannot be read, carries an end-to-end id twice, or was received before: a short
 *       return, header and a trailer of 0 lines and 0 fen, meaning nothing in the file was processed.</li>
 * </ul>
 * Reason codes and texts longer than their fields are shortened at a character boundary (they are
 * the bank's own words); the trailer always counts and totals the lines it carries, unless asked for
 * {@link AnswerFault#WRONG_TOTALS}.
 */
public class FixedBankResponder extends TextBankResponder<FixedPaymentFile, FixedHeader, FixedDetail, FixedReturnLine> {

    private final FixedFileReader reader;
    private final FixedReturnWriter writer;

    public FixedBankResponder(BankProfile profile, RejectionRule rule) {
        this(profile, rule, Clock.system(BankProfile.ZONE));
    }

    /** With a clock for the processing date of a short return whose payment file had no readable date. */
    public FixedBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        super(profile, rule, clock);
        this.reader = new FixedFileReader(profile);
        this.writer = new FixedReturnWriter(profile);
    }

    @Override
    protected FixedPaymentFile parse(String fileName, byte[] content) {
        return reader.parse(fileName, new ByteArrayInputStream(content));
    }

    @Override
    protected SimulatedBatch batch(FixedPaymentFile file) {
        FixedHeader h = file.header();
        List<SimulatedBatch.Credit> credits = file.details().stream()
                .map(d -> new SimulatedBatch.Credit(h.messageId(), d.endToEndId(), d.toCredit())).toList();
        return new SimulatedBatch(h.messageId(), h.processingDate(), h.payerAccount(), h.payerName(), credits);
    }

    @Override
    protected Optional<Problem> fileProblem(String fileName, byte[] content, FixedPaymentFile file) {
        return FixedLayout.totalsProblem(fileName, file.trailer(), file.details().size(), file.detailTotal());
    }

    @Override
    FixedHeader header(FixedPaymentFile file) {
        return file.header();
    }

    @Override
    List<FixedDetail> details(FixedPaymentFile file) {
        return file.details();
    }

    @Override
    FixedReturnLine success(FixedDetail detail) {
        return FixedReturnLine.success(detail);
    }

    @Override
    FixedReturnLine failure(FixedDetail detail, String reasonCode, String reasonText) {
        return FixedReturnLine.failure(detail, reasonCode, reasonText);
    }

    /** The rule's reason shortened to the widths of the reason fields. */
    @Override
    FixedReturnLine rejected(FixedDetail detail, RejectionRule.Rejection rejection) {
        return failure(detail, fit(rejection.reasonCode(), FixedLayout.REASON_CODE_BYTES),
                fit(rejection.reasonText(), FixedLayout.REASON_TEXT_BYTES));
    }

    @Override
    BigDecimal amount(FixedReturnLine line) {
        return line.detail().amount();
    }

    @Override
    byte[] returnFile(String fileName, FixedHeader header, List<FixedReturnLine> lines, int count, BigDecimal total) {
        FixedReturnFile answer = new FixedReturnFile(fileName, header, lines,
                new FixedTrailer(count, total.movePointRight(2).longValueExact()));
        ByteArrayOutputStream out = new ByteArrayOutputStream(FixedLayout.RETURN_DETAIL_BYTES * (lines.size() + 2));
        writer.write(answer, out);
        return out.toByteArray();
    }

    /** {@code text} shortened to at most {@code width} bytes of the bank's charset, at a character boundary. */
    private String fit(String text, int width) {
        if (text == null) {
            return "";
        }
        Charset charset = profile.charset();
        String s = text;
        while (s.getBytes(charset).length > width) {
            s = s.substring(0, s.offsetByCodePoints(s.length(), -1));
        }
        return s;
    }

    @Override
    FixedHeader bestEffortHeader(String fileName, byte[] content) {
        int end = 0;
        while (end < content.length && content[end] != '\n' && content[end] != '\r') {
            end++;
        }
        byte[] first = Arrays.copyOf(content, end);
        String fallbackId = fit(TextLayout.baseName(fileName), FixedLayout.MESSAGE_ID_BYTES);
        if (first.length < FixedLayout.HEADER_BYTES || first[0] != 'H') {
            return new FixedHeader(fallbackId.isBlank() ? "-" : fallbackId, LocalDate.now(clock), "-", "-");
        }
        int at = 1;
        String messageId = field(first, at, FixedLayout.MESSAGE_ID_BYTES, fallbackId);
        at += FixedLayout.MESSAGE_ID_BYTES;
        LocalDate date = LocalDate.now(clock);
        try {
            date = LocalDate.parse(new String(first, at, 8, StandardCharsets.US_ASCII), DATE);
        } catch (DateTimeParseException ignored) {
            // keep today's date: the bank processed (and refused) the file today
        }
        at += 8;
        String account = field(first, at, FixedLayout.ACCOUNT_BYTES, "-");
        at += FixedLayout.ACCOUNT_BYTES;
        String name = field(first, at, FixedLayout.NAME_BYTES, "-");
        return new FixedHeader(messageId, date, account, name);
    }

    /** One header field decoded strictly, or {@code fallback} when its bytes are not clean text. */
    private String field(byte[] line, int offset, int width, String fallback) {
        try {
            String text = profile.charset().newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(line, offset, width)).toString().strip();
            return text.isEmpty() || text.chars().anyMatch(Character::isISOControl) ? fallback : text;
        } catch (CharacterCodingException e) {
            return fallback;
        }
    }
}
