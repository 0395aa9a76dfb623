package org.jincai.bank.simulator;

import org.jincai.bank.simulator.responder.IsoBankResponder;

/** The names the simulated ISO bank gives its answers. */
final class IsoBankResponderNames {

    private IsoBankResponderNames() {
    }

    static String status(String paymentFileName) {
        return IsoBankResponder.answerFileName(paymentFileName);
    }

    static String statement(String paymentFileName) {
        return StatementBook.statementFileName(paymentFileName);
    }
}
