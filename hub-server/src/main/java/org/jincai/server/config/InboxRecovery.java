package org.jincai.server.config;

import org.jincai.core.finance.InboxIntakeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

/**
 * At every start, finishes the finance inbox intakes a crash left PROCESSING, from the hub's own copy of each
 * file: the vouchers already stored stay taken, the rest are taken, refused and duplicate vouchers are
 * answered once. (A file still in its inbox would also resume at its next poll; this covers the file moved
 * away meanwhile.)
 */
@Component
class InboxRecovery implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(InboxRecovery.class);

    private final InboxIntakeService inbox;

    InboxRecovery(InboxIntakeService inbox) {
        this.inbox = inbox;
    }

    @Override
    public void run(ApplicationArguments args) {
        int resumed = inbox.resumeInterrupted();
        if (resumed > 0) {
            log.warn("recovered after an interruption: {} inbox intake(s) finished", resumed);
        }
    }
}
