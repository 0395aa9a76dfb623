package org.jincai.server.config;

import java.util.List;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * Repairs what a crash may have left, at every start of the hub (not for one-shot operator commands), and
 * says so in the log, one line per thing found: payment files staged but not renamed (published if their
 * delivery was committed, removed if not — their payments are still approved and in no file, a payroll file's lines
 * still without payments), staged files
 * the database does not know (quarantined, never sent), files an answer or an operator resolved just before
 * the crash (put in place), every delivery still in flight with what happens to it next, files for a finance
 * system's outbox (receipts and returns, notices, reconciliation's returns) recorded but not renamed, rejected approvals whose payments were not all cancelled yet
 * (cancelled now, a chunk per commit), and vouchers settled by their banks or a rejection but not answered.
 * Deliveries whose upload may have completed are resolved by the upload route before anything is sent:
 * it looks at the bank, or holds them as DELIVERY_UNCERTAIN for an operator.
 */
@Component
@Profile("!cli")
class StartupRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final ReleaseService release;
    private final DeliveryService deliveries;
    private final ReceiptService receipts;
    private final BankDirectory banks;
    private final ApprovalService approvals;

    StartupRecovery(ReleaseService release, DeliveryService deliveries, ReceiptService receipts, BankDirectory banks,
                    ApprovalService approvals) {
        this.approvals = approvals;
        this.release = release;
        this.deliveries = deliveries;
        this.receipts = receipts;
        this.banks = banks;
    }

    @Override
    public void run(ApplicationArguments args) {
        ReleaseService.StagingRecovery staging = release.recoverStaging();
        List<Delivery> inFlight = deliveries.recoverFiles(banks.all().stream().map(BankProfile::code).toList());
        for (Delivery d : inFlight) {
            log.warn("recovery: delivery {} ({}, {} payments, for {}) is {}: {}", d.deliveryId(), d.fileName(),
                    d.transactions(), d.bankCode(), d.status(), next(d));
        }
        int published = receipts.publishRecorded();
        long cancelled = approvals.finishRejections();
        int answered = receipts.settleAll().size();
        if (staging.published() + staging.discarded() + staging.quarantined() + published + cancelled + answered > 0) {
            log.warn("recovered after an interruption: {} staged file(s) published, {} removed, {} quarantined;"
                    + " {} answer file(s) published, {} payment(s) of rejected approvals cancelled, {} voucher(s)"
                    + " answered", staging.published(), staging.discarded(), staging.quarantined(), published,
                    cancelled, answered);
        }
    }

    private static String next(Delivery d) {
        return switch (d.status()) {
            case PREPARED -> "nothing has reached the bank; it is uploaded";
            case TRANSFERRING -> "its upload stopped before the rename, so the bank has not received it; it is"
                    + " uploaded again";
            case UPLOADING -> "its upload may have completed; the hub looks at the bank (inbox, archive, answers)"
                    + " before anything is sent, and holds it for an operator if nothing tells";
            case DELIVERY_UNCERTAIN -> "held for an operator (" + d.statusReason() + "): ./jincai deliveries confirm|resend "
                    + d.deliveryId() + " --reason TEXT";
            default -> "nothing to do";
        };
    }
}
