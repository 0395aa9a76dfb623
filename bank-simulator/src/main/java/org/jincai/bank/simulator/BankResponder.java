package org.jincai.bank.simulator;

import java.util.List;

/**
 * How a simulated bank answers one payment file that arrived in its inbox: the files it puts in its
 * outbox (a status report or return file, then a statement when the bank sends them). A file the bank
 * refuses whole still gets an answer that says so. The formats' responders extend
 * {@link AbstractBankResponder}, which holds the policy all banks share (duplicates, refusals, rules,
 * statements); a plain lambda is enough for a test that needs a bank to misbehave.
 */
@FunctionalInterface
public interface BankResponder {

    /** The answer files for one arrival of a payment file. */
    List<AnswerFile> respond(String inboundFileName, byte[] content);

    /**
     * As {@link #respond(String, byte[])}, asked to answer wrongly on purpose (see {@link AnswerFault});
     * a responder that cannot carry the fault ignores it.
     */
    default List<AnswerFile> respond(String inboundFileName, byte[] content, AnswerFault fault) {
        return respond(inboundFileName, content);
    }

    /**
     * Replays a payment file answered before the simulator restarted, so the bank remembers it (its
     * name, its message id, what it booked) without writing anything.
     */
    default void remember(String inboundFileName, byte[] content) {
    }

    /** A file the simulated bank writes to its outbox. */
    record AnswerFile(String name, byte[] content) {
    }

    /** A wrong answer the fault tests ask for. */
    enum AnswerFault {
        /** Answer correctly. */
        NONE,
        /** A return file whose declared total disagrees with its lines (one yuan more), which the hub must refuse. */
        WRONG_TOTALS
    }
}
