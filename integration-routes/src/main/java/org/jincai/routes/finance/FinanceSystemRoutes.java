package org.jincai.routes.finance;

import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.jincai.core.finance.FinanceDirectory;
import org.jincai.core.finance.FinanceSystem;
import org.jincai.core.finance.InboxIntakeService;
import org.jincai.core.finance.InboxReady;
import org.jincai.core.finance.InboxResult;
import org.jincai.core.finance.StagedAnswers;
import org.jincai.core.release.StagingArea;
import org.jincai.routes.InboxClaims;
import org.jincai.routes.ReasonFiles;
import org.jincai.routes.RouteIds;
import org.jincai.routes.bank.SftpUris;

/**
 * Finance systems upstream, per system: {@code finance-inbox-<CODE>} takes MOF envelopes dropped in its
 * inbox (a local folder or SFTP, downloaded to a work folder: never held in memory) through the same intake as
 * the REST API, once each, and only once complete ({@link InboxReady}: stable size and time, or a done file;
 * temporary names are never taken). A taken file is archived, one that cannot be taken (empty, unreadable, not
 * an envelope) goes to the error folder with a reason file; both are kept under their name with the time and
 * digest ({@link InboxFileNames}), so nothing kept is ever overwritten. {@code finance-outbox-<CODE>} delivers
 * the receipts, returns and duplicate notices staged for it on this node into its outbox, under a temporary name
 * then renamed, and records each receipt's or return's delivery; a receipt or return another node took over (this
 * node taken for lost) is quarantined, never sent ({@link FinanceOutbox}).
 *
 * <p>When several nodes run ({@link InboxClaims#shared()}), each inbox route claims every file in the shared
 * database before taking it, and the inbox routes do not start with the context: the node the cluster elects
 * starts them (and stops them when it loses the lead), so one node at a time polls a finance system's inbox.
 */
public class FinanceSystemRoutes extends RouteBuilder {

    /** The name the file is kept under in the archive or error folder. */
    static final String KEPT_NAME = "JincaiKeptName";

    private final FinanceDirectory finance;
    private final InboxIntakeService inbox;
    private final StagingArea outbound;
    private final FinanceOutbox outbox;
    private final SftpUris sftp;
    private final InboxClaims claims;
    private final Path home;
    private final Clock clock;

    /**
     * @param outbound this node's staging area of answers, from which the outbox routes deliver
     * @param answers  what the database records of the answers staged there
     */
    public FinanceSystemRoutes(FinanceDirectory finance, InboxIntakeService inbox, StagingArea outbound,
                               StagedAnswers answers, SftpUris sftp, InboxClaims claims, Path home, Clock clock) {
        this.finance = finance;
        this.inbox = inbox;
        this.outbound = outbound;
        this.outbox = new FinanceOutbox(answers, outbound, clock);
        this.sftp = sftp;
        this.claims = claims;
        this.home = home;
        this.clock = clock;
    }

    @Override
    public void configure() {
        for (FinanceSystem f : finance.all()) {
            if (f.ready().mode() == InboxReady.Mode.STABLE) {
                getContext().getRegistry().bind(filterName(f), new StableFileFilter<>(f.ready().stableFor(), clock));
            }
            from(inboxUri(f) + claims.consumerOptions(getContext(), RouteIds.financeInbox(f.code())))
                    .routeId(RouteIds.financeInbox(f.code()))
                    .autoStartup(!claims.shared())
                    .onException(Exception.class).handled(false)
                        .process(FinanceSystemRoutes::reasonFile).to(errorUri(f))
                    .end()
                    .process(this::nameForError)
                    .process(e -> take(f, e));

            from(stagingFolder(f))
                    .routeId(RouteIds.financeOutbox(f.code()))
                    .filter(e -> outbox.toUpload(f, fileName(e)))
                        .to(outboxUri(f))
                        .process(e -> outbox.uploaded(f, fileName(e)))
                    .end();
        }
    }

    /**
     * The finance system's waiting files in this node's staging folder, each taken again at every poll until the
     * route has moved it (noop, not idempotent): {@link FinanceOutbox}, not Camel, decides where a file goes (sent,
     * quarantined). A failed upload leaves the file waiting for the next poll. Temporary and hidden files are skipped.
     */
    private String stagingFolder(FinanceSystem f) {
        return "file:" + outbound.folder(f.code()).toAbsolutePath()
                + "?noop=true&idempotent=false&antExclude=**/*" + StagingArea.PART
                + "&sortBy=file:name&delay=500&backoffErrorThreshold=2&backoffMultiplier=10";
    }

    /** Until the file is read, a failure keeps it under its name and the time: unique, though without a digest. */
    private void nameForError(Exchange e) {
        e.getMessage().setHeader(KEPT_NAME, InboxFileNames.kept(fileName(e), clock.instant(), null));
    }

    private void take(FinanceSystem f, Exchange e) throws Exception {
        String name = fileName(e);
        File file = e.getMessage().getMandatoryBody(File.class);
        InboxResult result = inbox.take(f, name, file.toPath());
        e.getMessage().setHeader(KEPT_NAME, InboxFileNames.kept(name, clock.instant(), result.sha256()));
        log.info("{} from {}: {}, {} vouchers, {} returned, {} duplicate notices", name, f.code(), result.outcome(),
                result.vouchers().size(), result.returnFiles().size(), result.duplicateNotices().size());
    }

    /** The reason file beside the failed file, named after the name it is kept under. */
    private static void reasonFile(Exchange e) {
        String kept = e.getMessage().getHeader(KEPT_NAME, String.class);
        ReasonFiles.prepare(e);
        if (kept != null) {
            e.getMessage().setHeader(Exchange.FILE_NAME, kept + ReasonFiles.SUFFIX);
        }
    }

    private static String fileName(Exchange e) {
        return e.getMessage().getHeader(Exchange.FILE_NAME_ONLY, String.class);
    }

    private static String filterName(FinanceSystem f) {
        return "financeInboxReady-" + f.code();
    }

    /** When a file is complete: the stability filter, or Camel's done file (removed with the file). */
    private static String readiness(FinanceSystem f) {
        return f.ready().mode() == InboxReady.Mode.STABLE ? "&filter=#" + filterName(f)
                : "&doneFileName=${file:name}" + f.ready().doneFileSuffix();
    }

    private Path folder(FinanceSystem f) {
        return home.resolve(f.folder()).toAbsolutePath();
    }

    private String inboxUri(FinanceSystem f) {
        if (f.local()) {
            return "file:" + folder(f).resolve("inbox")
                    + "?antExclude=**/*.part,**/*.tmp"
                    + "&move=../archive/${header." + KEPT_NAME + "}&moveFailed=../error/${header." + KEPT_NAME + "}"
                    + "&delay=500&sortBy=file:name" + readiness(f);
        }
        return sftp.financeInboxConsumer(f.code(), f.sftp(), home.resolve("finance-download").resolve(f.code()),
                KEPT_NAME, readiness(f));
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
