package org.jincai.server.config;

import org.jincai.core.finance.ReceiptService;
import org.jincai.core.release.ReleaseService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * Repairs what a crash may have left at every start, before anything new happens: payment files staged but
 * not published (published if their delivery was committed, discarded if not), and vouchers settled by
 * their banks but not yet answered upstream.
 */
@Component
class StartupRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupRecovery.class);

    private final ReleaseService release;
    private final ReceiptService receipts;

    StartupRecovery(ReleaseService release, ReceiptService receipts) {
        this.release = release;
        this.receipts = receipts;
    }

    @Override
    public void run(ApplicationArguments args) {
        int published = release.recoverStaging();
        int answered = receipts.settleAll().size();
        if (published + answered > 0) {
            log.warn("recovered after an interruption: {} staged file(s) published, {} voucher(s) answered",
                    published, answered);
        }
    }
}
