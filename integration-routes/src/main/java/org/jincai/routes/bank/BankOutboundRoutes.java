package org.jincai.routes.bank;

import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.bank.profile.BankProfile;
import org.jincai.core.bank.BankDirectory;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.jincai.routes.RouteIds;

/**
 * Bank outbound: {@code direct:bank-release} turns approved payments into staged files (one route); then,
 * per bank, a route takes each staged file from the bank's local outbound folder, uploads it to the bank's
 * SFTP inbox and records the delivery as uploaded. Each attempt is recorded before it starts; the upload
 * writes {@code <name>.part} and renames it, and a file already on the server under its final name — an
 * earlier attempt that succeeded before a crash — is not sent again. A failed upload is retried with
 * back-off, and stays staged for the next poll if the server is still down.
 */
public class BankOutboundRoutes extends RouteBuilder {

    static final String ACTOR = "route:bank-upload";
    static final String ATTEMPT = "JincaiUploadAttempt";

    private final BankDirectory banks;
    private final ReleaseService release;
    private final DeliveryService deliveries;
    private final StagingArea staging;
    private final SftpUris uris;

    public BankOutboundRoutes(BankDirectory banks, ReleaseService release, DeliveryService deliveries,
                              StagingArea staging, SftpUris uris) {
        this.banks = banks;
        this.release = release;
        this.deliveries = deliveries;
        this.staging = staging;
        this.uris = uris;
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
                    .process(e -> markUploading(bank, e))
                    .filter(header(ATTEMPT).isGreaterThan(0))
                        .log("uploading ${file:name} to " + bank.code() + ", attempt ${header." + ATTEMPT + "}")
                        .to(uris.inboxProducer(bank))
                        .process(e -> markUploaded(bank, e))
                    .end();
        }
    }

    private String stagingFolder(BankProfile bank) {
        return "file:" + staging.folder(bank.code()).toAbsolutePath()
                + "?antExclude=**/*" + StagingArea.PART
                + "&move=.sent/${file:name}&sortBy=file:name&delay=500"
                + "&backoffErrorThreshold=2&backoffMultiplier=10";
    }

    /** Records the attempt before the upload starts: after a crash the next attempt knows the file may be there. */
    private void markUploading(BankProfile bank, Exchange e) {
        String fileName = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        e.getMessage().setHeader(ATTEMPT, deliveries.markUploading(bank.code(), fileName));
    }

    private void markUploaded(BankProfile bank, Exchange e) {
        String fileName = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        deliveries.markUploaded(bank.code(), fileName, ACTOR);
    }
}
