package org.jincai.routes.bank;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.routes.RouteIds;

/**
 * Bank outbound: {@code direct:bank-release} turns approved payments into staged files (one route); then,
 * per bank, a route takes each file waiting in the bank's local outbound folder and hands it to the
 * {@link BankUploader}, which delivers it at most once as its recorded state says and moves it out of the
 * waiting files itself (sent, held for an operator, quarantined). A failed upload is retried with
 * back-off, and the file stays waiting for the next poll while the bank's server is down, however long.
 */
public class BankOutboundRoutes extends RouteBuilder {

    private final BankDirectory banks;
    private final ReleaseService release;
    private final BankUploader uploader;
    private final StagingArea staging;

    public BankOutboundRoutes(BankDirectory banks, ReleaseService release, BankUploader uploader, StagingArea staging) {
        this.banks = banks;
        this.release = release;
        this.uploader = uploader;
        this.staging = staging;
    }

    @Override
    public void configure() {
        from(RouteIds.BANK_RELEASE_ENDPOINT)
                .routeId(RouteIds.BANK_RELEASE)
                .process(e -> e.getMessage().setBody(release.release(
                        e.getMessage().getHeader(RouteIds.HEADER_ACTOR, "system", String.class))));

        for (BankProfile bank : banks.all()) {
            from(stagingFolder(bank))
                    .routeId(RouteIds.bankUpload(bank.code()))
                    // a server that is down is retried here with back-off, then again at the next poll
                    .errorHandler(defaultErrorHandler().maximumRedeliveries(3).redeliveryDelay(500)
                            .useExponentialBackOff().backOffMultiplier(2).retryAttemptedLogLevel(LoggingLevel.WARN))
                    .process(e -> uploader.deliver(bank, e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class)));
        }
    }

    /**
     * The bank's waiting files, each taken again at every poll until the uploader has moved it (noop, not
     * idempotent): the uploader, not Camel, decides where a file goes. Temporary and hidden files are skipped.
     */
    private String stagingFolder(BankProfile bank) {
        return "file:" + staging.folder(bank.code()).toAbsolutePath()
                + "?noop=true&idempotent=false&antExclude=**/*" + StagingArea.PART
                + "&sortBy=file:name&delay=500&backoffErrorThreshold=2&backoffMultiplier=10";
    }
}
