package org.jincai.bank.simulator;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jincai.bank.file.BankFileErrors;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every simulated bank does with a payment file, whatever its format, in this order:
 * <ol>
 *   <li>a file name it has received before: refused as a duplicate, under a second answer name
 *       ({@code <name>-dup2...}) so the first answer is never overwritten;</li>
 *   <li>a file it cannot read at all: refused unread;</li>
 *   <li>a message id (batch number) it has accepted before: refused as a duplicate;</li>
 *   <li>a readable file that breaks the format's rules (totals, schema, version): refused whole,
 *       every credit rejected with the format's reason, so the hub can release each payment;</li>
 *   <li>an end-to-end id twice in the file: refused unread (answers could not be matched);</li>
 *   <li>otherwise each credit goes through the {@link RejectionRule}; the status answer reports each,
 *       and when the profile has a statement format, a camt.053 books the accepted credits.</li>
 * </ol>
 * Only an accepted file's message id counts as processed; every received name does. The format
 * decides how each answer looks ({@link #answerUnread}, {@link #answerRefusedWhole}, {@link #answer}).
 * Thread-safe: one file at a time.
 *
 * @param <F> the format's parsed payment file
 */
public abstract class AbstractBankResponder<F> implements BankResponder {

    private static final Logger log = LoggerFactory.getLogger(AbstractBankResponder.class);

    protected final BankProfile profile;
    protected final RejectionRule rule;
    protected final Clock clock;
    private final StatementBook statements;
    private final Map<String, Integer> arrivals = new HashMap<>();
    private final Set<String> acceptedMessageIds = new HashSet<>();

    protected AbstractBankResponder(BankProfile profile, RejectionRule rule, Clock clock) {
        this.profile = Objects.requireNonNull(profile, "profile");
        this.rule = Objects.requireNonNull(rule, "rule");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.statements = profile.statementFormat() == BankFormat.CAMT_053_001_08 ? new StatementBook(profile, clock) : null;
    }

    /** Why a file is refused without a status per credit. */
    public enum Refusal {
        /** The bank cannot read the file. */
        UNREADABLE,
        /** The same file name, or the same message id, was received before. */
        DUPLICATE_FILE,
        /** One end-to-end id appears twice: answers could not be matched to payments. */
        DUPLICATE_END_TO_END_ID
    }

    /**
     * One arrival of a payment file as the format's answer sees it: the file's name (a second arrival
     * of a name is answered as {@code <name>-dup2.<ext>}), the status answer's name, the bytes received
     * and the fault asked for.
     */
    public record Arrival(String fileName, String answerName, byte[] content, AnswerFault fault) {
    }

    // ---- the format's part ----

    /** The name of the status answer to {@code inboundFileName}. */
    protected abstract String statusAnswerName(String inboundFileName);

    /** Reads the file as the bank's front end does; layout errors throw (a {@link FormatException}). */
    protected abstract F parse(String fileName, byte[] content);

    /** The file as a bank sees it: message id, payer, credits. */
    protected abstract SimulatedBatch batch(F file);

    /** Why the bank refuses the readable file whole (totals, schema, version), or empty. */
    protected abstract Optional<Problem> fileProblem(String fileName, byte[] content, F file);

    /** The answer to a file refused without a status per credit; {@code file} is null when it could not be read. */
    protected abstract byte[] answerUnread(Arrival arrival, F file, Refusal refusal, Problem problem);

    /** The answer to a readable file refused whole: every credit rejected because of {@code problem}. */
    protected abstract byte[] answerRefusedWhole(Arrival arrival, F file, Problem problem);

    /** The answer to an accepted file: each credit with its rule's decision, in file order. */
    protected abstract byte[] answer(Arrival arrival, F file, List<Optional<RejectionRule.Rejection>> decisions);

    // ---- the policy every bank shares ----

    @Override
    public final List<AnswerFile> respond(String inboundFileName, byte[] content) {
        return respond(inboundFileName, content, AnswerFault.NONE);
    }

    @Override
    public final synchronized List<AnswerFile> respond(String inboundFileName, byte[] content, AnswerFault fault) {
        return process(inboundFileName, content, fault == null ? AnswerFault.NONE : fault, true);
    }

    @Override
    public final synchronized void remember(String inboundFileName, byte[] content) {
        process(inboundFileName, content, AnswerFault.NONE, false);
    }

    /** The bank's books, or null when it sends no statements. */
    public final StatementBook statements() {
        return statements;
    }

    private List<AnswerFile> process(String name, byte[] content, AnswerFault fault, boolean emit) {
        int count = arrivals.merge(name, 1, Integer::sum);
        String effectiveName = count == 1 ? name : duplicateName(name, count);
        String answerName = statusAnswerName(effectiveName);
        Arrival arrival = new Arrival(effectiveName, answerName, content, fault);
        F file = null;
        Problem unreadable = null;
        try {
            file = parse(name, content);
        } catch (FormatException e) {
            unreadable = e.problem();
        }
        if (count > 1) {
            return unread(arrival, file, Refusal.DUPLICATE_FILE, Problem.of(BankFileErrors.DUPLICATE_FILE,
                    "file name " + name + " was received before (arrival " + count + ")", "file " + name), emit);
        }
        if (file == null) {
            return unread(arrival, null, Refusal.UNREADABLE, unreadable, emit);
        }
        SimulatedBatch batch = batch(file);
        if (acceptedMessageIds.contains(batch.messageId())) {
            return unread(arrival, file, Refusal.DUPLICATE_FILE, Problem.of(BankFileErrors.DUPLICATE_FILE,
                    "message " + batch.messageId() + " has already been received", "file " + name), emit);
        }
        Optional<Problem> refusal = fileProblem(name, content, file);
        if (refusal.isPresent()) {
            log.warn("bank {} refuses {} whole: {}", profile.code(), name, refusal.get());
            return emit ? List.of(new AnswerFile(answerName, answerRefusedWhole(arrival, file, refusal.get()))) : List.of();
        }
        Optional<Problem> twice = duplicateEndToEndId(name, batch);
        if (twice.isPresent()) {
            return unread(arrival, file, Refusal.DUPLICATE_END_TO_END_ID, twice.get(), emit);
        }
        acceptedMessageIds.add(batch.messageId());
        List<Optional<RejectionRule.Rejection>> decisions = new ArrayList<>(batch.credits().size());
        List<SimulatedBatch.Credit> accepted = new ArrayList<>(batch.credits().size());
        for (SimulatedBatch.Credit c : batch.credits()) {
            Optional<RejectionRule.Rejection> decision = rule.check(c.credit());
            decisions.add(decision);
            if (decision.isEmpty()) {
                accepted.add(c);
            }
        }
        List<AnswerFile> answers = new ArrayList<>(2);
        if (emit) {
            answers.add(new AnswerFile(answerName, answer(arrival, file, decisions)));
        }
        if (statements != null) {
            AnswerFile statement = statements.book(name, batch, accepted, emit);
            if (statement != null) {
                answers.add(statement);
            }
        }
        return answers;
    }

    private List<AnswerFile> unread(Arrival arrival, F file, Refusal refusal, Problem problem, boolean emit) {
        log.warn("bank {} refuses {} ({}): {}", profile.code(), arrival.fileName(), refusal, problem);
        return emit ? List.of(new AnswerFile(arrival.answerName(), answerUnread(arrival, file, refusal, problem))) : List.of();
    }

    private static Optional<Problem> duplicateEndToEndId(String name, SimulatedBatch batch) {
        Set<String> seen = new HashSet<>();
        for (SimulatedBatch.Credit c : batch.credits()) {
            if (!seen.add(c.credit().endToEndId())) {
                return Optional.of(Problem.of(BankFileErrors.DUPLICATE_END_TO_END_ID, "end-to-end id "
                        + c.credit().endToEndId() + " appears twice", "file " + name));
            }
        }
        return Optional.empty();
    }

    /**
     * A bank's own text (an id, a name, an explanation) at most {@code max} chars, never cut between the
     * halves of a surrogate pair; null stays null.
     */
    protected static String cut(String s, int max) {
        if (s == null || s.length() <= max) {
            return s;
        }
        int end = Character.isLowSurrogate(s.charAt(max)) ? max - 1 : max;
        return s.substring(0, end);
    }

    /** {@code X.txt} arriving a second time is answered as if named {@code X-dup2.txt}. */
    static String duplicateName(String name, int arrival) {
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = dot > 0 ? name.substring(dot) : "";
        return base + "-dup" + arrival + extension;
    }
}
