package org.jincai.bank.simulator.responder;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jincai.bank.layout.TextLayout;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.simulator.AbstractBankResponder;
import org.jincai.bank.simulator.RejectionRule;
import org.jincai.formats.Problem;

/**
 * How the simulated banks of the text layouts (pipe and fixed-width) answer, beyond the policy every bank
 * shares: with one return file named {@code <payment file without .txt>.ret.txt} that carries the payment
 * file's header and a line per credit it answers, and counts and totals the lines it carries (one yuan more
 * when asked for {@link AnswerFault#WRONG_TOTALS}). A file refused unread gets no line; a file whose totals
 * disagree gets {@value TextLayout#FAILURE} {@value TextLayout#TOTALS_REASON} on every line; otherwise each
 * credit gets its rule's decision. Each layout maps its own records.
 *
 * @param <F> the layout's payment file
 * @param <H> its header (the pipe summary line, the fixed-width header record)
 * @param <D> its detail (line or record)
 * @param <L> a line of its return file
 */
abstract class TextBankResponder<F, H, D, L> extends AbstractBankResponder<F> {

    /** The processing date of a header. */
    static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

    TextBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        super(profile, rule, clock);
    }

    /** The header of a readable payment file. */
    abstract H header(F file);

    /** The details of a readable payment file, in file order. */
    abstract List<D> details(F file);

    /** What can be salvaged of the header of an unreadable file, with placeholders where nothing usable is found. */
    abstract H bestEffortHeader(String fileName, byte[] content);

    /** The return line of a paid credit. */
    abstract L success(D detail);

    /** The return line of a credit that was not paid, with the bank's reason. */
    abstract L failure(D detail, String reasonCode, String reasonText);

    /** The amount of a return line, in yuan. */
    abstract BigDecimal amount(L line);

    /** The return file: {@code header}, the lines, and the count and total it declares. */
    abstract byte[] returnFile(String fileName, H header, List<L> lines, int count, BigDecimal total);

    /** The return line of a credit the rule rejected: the rule's reason as the layout can carry it. */
    L rejected(D detail, RejectionRule.Rejection rejection) {
        return failure(detail, rejection.reasonCode(), rejection.reasonText());
    }

    @Override
    protected String statusAnswerName(String inboundFileName) {
        return TextLayout.returnFileName(inboundFileName);
    }

    @Override
    protected byte[] answerUnread(Arrival arrival, F file, Refusal refusal, Problem problem) {
        H header = file != null ? header(file) : bestEffortHeader(arrival.fileName(), arrival.content());
        return write(arrival, header, List.of());
    }

    @Override
    protected byte[] answerRefusedWhole(Arrival arrival, F file, Problem problem) {
        List<L> lines = details(file).stream().map(d -> failure(d, TextLayout.TOTALS_REASON, TextLayout.TOTALS_TEXT)).toList();
        return write(arrival, header(file), lines);
    }

    @Override
    protected byte[] answer(Arrival arrival, F file, List<Optional<RejectionRule.Rejection>> decisions) {
        List<D> details = details(file);
        List<L> lines = new ArrayList<>(details.size());
        for (int i = 0; i < details.size(); i++) {
            D d = details.get(i);
            lines.add(decisions.get(i).map(r -> rejected(d, r)).orElseGet(() -> success(d)));
        }
        return write(arrival, header(file), lines);
    }

    /** The return file: it counts and totals the lines it carries, one yuan off when asked to be wrong. */
    private byte[] write(Arrival arrival, H header, List<L> lines) {
        BigDecimal total = lines.stream().map(this::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        if (arrival.fault() == AnswerFault.WRONG_TOTALS) {
            total = total.add(BigDecimal.ONE);
        }
        return returnFile(arrival.answerName(), header, lines, lines.size(), total);
    }
}
