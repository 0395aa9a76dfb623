package org.jincai.bank.file;

import java.util.List;

/**
 * What one answer file from a bank says: which original file it answers ({@code originalReference},
 * the pain.001 MsgId or the payment file name) and the status of each credit it covers.
 */
public record BankAnswer(String fileName, String originalReference, List<CreditStatus> statuses) {

    public BankAnswer {
        statuses = List.copyOf(statuses);
    }
}
