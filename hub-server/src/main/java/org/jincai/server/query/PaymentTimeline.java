package org.jincai.server.query;

import java.util.List;

/** A payment with everything that touched it, oldest first, and the bank file that carried it (if any yet). */
public record PaymentTimeline(PaymentRow payment, BankFileRow file, List<TimelineEntry> entries) {

    public PaymentTimeline {
        entries = List.copyOf(entries);
    }
}
