package org.jincai.server.query;

import java.time.Instant;

/**
 * One thing that touched a payment, in time order: a lifecycle {@code EVENT} (from → to, by whom, why), the bank
 * {@code FILE} that carried it and each of that file's transitions ({@code FILE_EVENT}), the bank's {@code ANSWER}
 * file, a {@code STATEMENT_LINE} that booked or named it, a reconciliation {@code MATCH} or {@code EXCEPTION}, an
 * {@code ALERT} about it and the {@code RECEIPT} or return sent upstream for its voucher.
 *
 * @param reference what to look up for more: an event, file, answer or alert id, a statement's file name
 */
public record TimelineEntry(Instant at, String kind, String from, String to, String what, String actor,
                            String reference) {
}
