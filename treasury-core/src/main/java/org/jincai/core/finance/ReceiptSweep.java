package org.jincai.core.finance;

import java.time.Duration;
import java.util.List;
import org.jincai.core.PeriodicSweep;
import org.jincai.core.approval.ApprovalService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every {@code jincai.receipts.sweep-interval}: finishes the rejections whose cancellation stopped between two
 * chunks ({@link ApprovalService#finishRejections}: a crash or a failure during the rejection call), then answers
 * the settled vouchers left unanswered ({@link ReceiptService#settleAll}): those whose answer failed when their
 * bank's answer settled them (a deadlock, a lock timeout, a file not staged), so that none waits for the next start.
 * Every serving node sweeps; a rejection's chunks are cancelled one after the other whichever node gets there (the
 * approval's row lock), and a voucher is answered once whichever node gets there first (the answer's unique key). A
 * sweep that fails as a whole is logged {@value #RECEIPT_SWEEP_FAILED} and the next one tries again.
 */
public class ReceiptSweep extends PeriodicSweep {

    private static final Logger log = LoggerFactory.getLogger(ReceiptSweep.class);
    public static final String RECEIPT_SWEEP_FAILED = "RECEIPT_SWEEP_FAILED";

    private final ReceiptService receipts;
    private final ApprovalService approvals;

    public ReceiptSweep(ReceiptService receipts, ApprovalService approvals, Duration every) {
        super("receipt-sweep", RECEIPT_SWEEP_FAILED, every, "jincai.receipts.sweep-interval");
        this.receipts = receipts;
        this.approvals = approvals;
    }

    /** One sweep: the unfinished rejections finished (their returns written), then the answers it wrote. */
    public List<WrittenAnswer> sweep() {
        approvals.finishRejections();
        List<WrittenAnswer> written = receipts.settleAll();
        if (!written.isEmpty()) {
            log.warn("receipt sweep answered {} voucher(s) left unanswered: {}", written.size(),
                    written.stream().map(WrittenAnswer::voucherNo).toList());
        }
        return written;
    }

    @Override
    protected void runOnce() {
        sweep();
    }
}
