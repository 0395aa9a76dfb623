package org.jincai.routes.bank;

import org.apache.camel.Exchange;
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
 * SFTP inbox and records the delivery as uploaded. A failed upload leaves the file in place, retried on
 * the next poll with back-off; a file already on the server is not sent again.
 */
public class BankOutboundRoutes extends RouteBuilder {

    static final String ACTOR = "route:bank-upload";

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
                    .log("uploading ${file:name} to " + bank.code())
                    .to(uris.inboxProducer(bank))
                    .process(e -> markUploaded(bank, e));
        }
    }

    private String stagingFolder(BankProfile bank) {
        return "file:" + staging.bankFolder(bank.code()).toAbsolutePath()
                + "?antExclude=**/*" + StagingArea.PART
                + "&move=.sent/${file:name}&sortBy=file:name&delay=500"
                + "&backoffErrorThreshold=2&backoffMultiplier=10";
    }

    private void markUploaded(BankProfile bank, Exchange e) {
        String fileName = e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
        deliveries.markUploaded(bank.code(), fileName, ACTOR);
    }
}
