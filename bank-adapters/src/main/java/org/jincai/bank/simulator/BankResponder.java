package org.jincai.bank.simulator;

import java.util.List;

/**
 * How a simulated bank answers one payment file that arrived in its inbox: the files it puts in its
 * outbox (a status report or return file, later statements). A file the bank refuses whole still gets
 * an answer that says so.
 */
public interface BankResponder {

    List<AnswerFile> respond(String inboundFileName, byte[] content);

    /** A file the simulated bank writes to its outbox. */
    record AnswerFile(String name, byte[] content) {
    }
}
