package org.jincai.server.config;

import java.time.Duration;
import org.jincai.core.approval.ApprovalService;
import org.jincai.core.finance.ReceiptService;
import org.jincai.core.finance.ReceiptSweep;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * A serving hub (not a one-shot operator command) finishes, every {@code jincai.receipts.sweep-interval} (60 s), the
 * rejections whose cancellation stopped between two chunks, then answers the settled vouchers a failure left
 * unanswered (docs/operations.md, "Receipts and returns"), as its start does.
 */
@Configuration(proxyBeanMethods = false)
@Profile("!cli")
class ReceiptSweepConfiguration {

    @Bean
    ReceiptSweep receiptSweep(ReceiptService receipts, ApprovalService approvals,
                              @Value("${jincai.receipts.sweep-interval:60s}") Duration every) {
        return new ReceiptSweep(receipts, approvals, every);
    }
}
