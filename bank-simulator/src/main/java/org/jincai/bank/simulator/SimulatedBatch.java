package org.jincai.bank.simulator;

import java.time.LocalDate;
import java.util.List;
import org.jincai.bank.file.OutboundCredit;

/**
 * A payment file as a simulated bank sees it, whatever its format: its message id (a pain.001 MsgId,
 * a layout's batch number), execution date, the payer's account and name, and its credits in file
 * order with the references a statement echoes back.
 */
public record SimulatedBatch(
        String messageId,
        LocalDate executionDate,
        String payerAccount,
        String payerName,
        List<Credit> credits) {

    public SimulatedBatch {
        credits = List.copyOf(credits);
    }

    /** One credit with its payment information id (PmtInfId, or the message id) and instruction id. */
    public record Credit(String paymentInformationId, String instructionId, OutboundCredit credit) {
    }
}
