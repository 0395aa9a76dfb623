package org.jincai.server.query;

import java.time.Instant;

/**
 * A bank's answer file applied by the hub (a pain.002 status report or a bank return file): its name and SHA-256,
 * the file it answers (the delivery, by message id or file name) and how many transaction statuses it carried.
 */
public record AnswerRow(String answerId, String bankCode, String fileName, String sha256, String originalReference,
                        int statuses, Instant receivedAt, String deliveryId, String deliveryFileName) {
}
