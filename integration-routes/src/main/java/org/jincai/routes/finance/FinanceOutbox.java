package org.jincai.routes.finance;

import java.time.Clock;
import java.util.Optional;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.release.StagingArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the outbox route ({@code finance-outbox-<CODE>}) does with a file waiting in this node's staging folder of a
 * finance system, as the database records it ({@link StagedAnswers}, one lookup by name over the receipts and returns
 * of stored vouchers, the duplicate notices and intake returns, and reconciliation's returns):
 * <ul>
 *   <li>a file another node took over (this node was taken for lost: its {@code staged_by} names another staging
 *       area): quarantined, never sent ({@value #ANSWER_RESTAGED}); the other node sends its own copy;</li>
 *   <li>a file this node delivered already (a crash after recording the delivery and before moving the file): moved
 *       to {@value StagingArea#SENT}, not sent again;</li>
 *   <li>any other — a file of this node's not delivered, one recorded before its staging area was (V40, V41), one the
 *       database knows nothing of: sent; once the upload succeeded, its delivery is recorded ({@code delivered_at})
 *       and the file moved to {@value StagingArea#SENT}.</li>
 * </ul>
 * The check comes before the upload, so a node that comes back after its files were taken over never sends them
 * again; a node taken for lost while its upload runs (a pause longer than its check-in grace) may deliver a file the
 * other node delivers too — the same name and bytes — which it logs ({@value #ANSWER_DELIVERED_TWICE}).
 */
class FinanceOutbox {

    /** A staged file another node took over (this node was taken for lost): quarantined here, never sent. */
    static final String ANSWER_RESTAGED = "ANSWER_RESTAGED";
    /** A file this node delivered while another node had taken it over: the finance system may see it twice. */
    static final String ANSWER_DELIVERED_TWICE = "ANSWER_DELIVERED_TWICE";

    private static final Logger log = LoggerFactory.getLogger(FinanceOutbox.class);

    private final StagedAnswers answers;
    private final StagingArea outbound;
    private final Clock clock;

    FinanceOutbox(StagedAnswers answers, StagingArea outbound, Clock clock) {
        this.answers = answers;
        this.outbound = outbound;
        this.clock = clock;
    }

    /**
     * Whether the route uploads {@code fileName} now; when not, the file has been put where it belongs (quarantined,
     * or among the sent files).
     */
    boolean toUpload(FinanceSystem f, String fileName) {
        Optional<StagedAnswers.Recorded> recorded = answers.find(fileName);
        if (recorded.isEmpty()) {
            return true;
        }
        StagedAnswers.Recorded answer = recorded.get();
        if (answer.heldElsewhere(outbound.id())) {
            outbound.quarantine(f.code(), fileName, ANSWER_RESTAGED, "another node (staging area "
                    + answer.stagedBy() + ") staged this file again and sends it, this node having been taken for"
                    + " lost: this copy is never sent", clock.instant());
            log.warn("{}: {} for {} was taken over by another node (staging area {}); this copy quarantined, never"
                    + " sent", ANSWER_RESTAGED, fileName, f.code(), answer.stagedBy());
            return false;
        }
        if (answer.stagedBy() != null && answer.deliveredAt() != null) {
            outbound.toSent(f.code(), fileName);
            log.info("{} for {} was delivered at {}; moved to the sent files", fileName, f.code(),
                    answer.deliveredAt());
            return false;
        }
        return true;
    }

    /** After the upload succeeded: the file's delivery recorded (once), then the file moved to the sent ones. */
    void uploaded(FinanceSystem f, String fileName) {
        if (!answers.delivered(fileName)) {
            answers.find(fileName).filter(a -> a.heldElsewhere(outbound.id())).ifPresent(a -> log.warn(
                    "{}: {} for {} was delivered from here while another node (staging area {}) had taken it over;"
                            + " the finance system may receive it twice, the same name and bytes",
                    ANSWER_DELIVERED_TWICE, fileName, f.code(), a.stagedBy()));
        }
        outbound.toSent(f.code(), fileName);
    }
}
