package org.jincai.formats.iso20022;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One Stmt of a camt.053 (or Ntfctn of a camt.054), whatever its version: the group header it came
 * in, its identification and sequence numbers, the account, the balances (none in a camt.054), and
 * its entries. When read in streaming mode ({@link CamtReader#read}), {@code entries} is empty and the
 * entries go to the handler one by one; {@link CamtReader#readAll} collects them here.
 *
 * @param messageNameId the version read, e.g. {@code camt.053.001.08}; the namespace of a national
 *                      variant, or the bare message ({@code camt.053}) for a document without a namespace
 * @param accountServicer the account servicer's BIC, else its clearing member id, else its name
 */
public record BankStatement(
        String messageNameId,
        String groupMessageId,
        OffsetDateTime groupCreationDateTime,
        String id,
        String electronicSequenceNumber,
        String legalSequenceNumber,
        OffsetDateTime creationDateTime,
        OffsetDateTime fromDateTime,
        OffsetDateTime toDateTime,
        String accountId,
        String accountCurrency,
        String accountOwnerName,
        String accountServicer,
        List<Balance> balances,
        List<StatementEntry> entries) {

    public BankStatement {
        balances = balances == null ? List.of() : List.copyOf(balances);
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** The first balance of this type ({@link Balance#OPENING_BOOKED}, ...), or null. */
    public Balance balance(String type) {
        return balances.stream().filter(b -> type.equals(b.type())).findFirst().orElse(null);
    }

    /** True for a camt.054 debit/credit notification. */
    public boolean isNotification() {
        return messageNameId != null && messageNameId.contains("camt.054");
    }

    /** This statement with these entries (what {@link CamtReader#readAll} builds). */
    public BankStatement withEntries(List<StatementEntry> newEntries) {
        return new BankStatement(messageNameId, groupMessageId, groupCreationDateTime, id, electronicSequenceNumber,
                legalSequenceNumber, creationDateTime, fromDateTime, toDateTime, accountId, accountCurrency,
                accountOwnerName, accountServicer, balances, newEntries);
    }
}
