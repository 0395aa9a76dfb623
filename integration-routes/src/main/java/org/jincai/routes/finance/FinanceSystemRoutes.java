package org.jincai.routes.finance;

import java.nio.file.Path;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.InboxResult;
import org.jincai.core.release.StagingArea;
import org.jincai.routes.ReasonFiles;
import org.jincai.routes.RouteIds;
import org.jincai.routes.bank.SftpUris;

/**
 * Finance systems upstream, per system: {@code finance-inbox-<CODE>} takes MOF envelopes dropped in its
 * inbox (a local folder or SFTP) through the same intake as the REST API, once each; what cannot be read
 * goes to its error folder with a reason file. {@code finance-outbox-<CODE>} delivers the receipts and
 * returns staged for it into its outbox, under a temporary name then renamed.
 */
public class FinanceSystemRoutes extends RouteBuilder {

    private final FinanceDirectory finance;
    private final InboxIntakeService inbox;
    private final StagingArea outbound;
    private final SftpUris sftp;
    private final Path home;

    public FinanceSystemRoutes(FinanceDirectory finance, InboxIntakeService inbox, StagingArea outbound, SftpUris sftp,
                               Path home) {
        this.finance = finance;
        this.inbox = inbox;
        this.outbound = outbound;
        this.sftp = sftp;
        this.home = home;
    }

    @Override
    public void configure() {
        for (FinanceSystem f : finance.all()) {
            from(inboxUri(f))
                    .routeId(RouteIds.financeInbox(f.code()))
                    .onException(Exception.class).handled(false)
                        .process(ReasonFiles::prepare).to(errorUri(f))
                    .end()
                    .process(e -> take(f, e));

            from("file:" + outbound.folder(f.code()).toAbsolutePath()
                    + "?antExclude=**/*.part&move=.sent/${file:name}&sortBy=file:name&delay=500"
                    + "&backoffErrorThreshold=2&backoffMultiplier=10")
                    .routeId(RouteIds.financeOutbox(f.code()))
                    .to(outboxUri(f));
        }
    }

    private void take(FinanceSystem f, Exchange e) throws Exception {
        String name = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        InboxResult result = inbox.take(f, name, e.getMessage().getMandatoryBody(byte[].class));
        log.info("{} from {}: {}, {} vouchers, {} returned", name, f.code(), result.outcome(), result.vouchers().size(),
                result.returnFiles().size());
    }

    private Path folder(FinanceSystem f) {
        return home.resolve(f.folder()).toAbsolutePath();
    }

    private String inboxUri(FinanceSystem f) {
        if (f.local()) {
            return "file:" + folder(f).resolve("inbox")
                    + "?antExclude=**/*.part,**/*.tmp&move=../archive/${file:name}&moveFailed=../error/${file:name}"
                    + "&readLock=changed&readLockCheckInterval=250&readLockMinAge=250&delay=500&sortBy=file:name";
        }
        return sftp.consumer(f.code(), f.sftp(), f.sftp().inbox());
    }

    private String errorUri(FinanceSystem f) {
        return f.local() ? "file:" + folder(f).resolve("error") : sftp.errorFolderProducer(f.code(), f.sftp());
    }

    private String outboxUri(FinanceSystem f) {
        if (f.local()) {
            return "file:" + folder(f).resolve("outbox") + "?tempFileName=${file:name}.part&fileExist=Ignore";
        }
        return sftp.producer(f.code(), f.sftp(), f.sftp().outbox());
    }
}
