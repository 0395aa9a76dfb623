package org.jincai.routes.bank;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.camel.CamelContext;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.core.CrashPoints;
import org.jincai.core.TreasuryException;
import org.jincai.core.release.Delivery;
import org.jincai.core.release.DeliveryService;
import org.jincai.core.release.DeliveryStatus;
import org.jincai.core.release.ReleaseService;
import org.jincai.core.release.StagingArea;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers one staged payment file to its bank at most once, whatever the crash point. The delivery's
 * recorded state decides what happens to the file:
 * <ul>
 *   <li>no delivery: the file is quarantined, never sent (ReleaseService's STAGED_FILE_UNKNOWN);</li>
 *   <li>a delivery another node took over (this node was taken for lost: ReleaseService.restage): the file is
 *       quarantined, never sent ({@value #DELIVERY_RESTAGED}); the other node sends its own copy;</li>
 *   <li>PREPARED or TRANSFERRING: the attempt is recorded (TRANSFERRING), the file — its bytes checked
 *       against the SHA-256 recorded at release — is written as {@code <name>.part} on the bank's server
 *       and its size checked there; the request to rename is recorded (UPLOADING) before the rename is
 *       asked; once renamed the delivery is UPLOADED and its payments SENT. A failure before the rename is
 *       recorded (back to PREPARED) and retried; a final name already on the server is never overwritten;</li>
 *   <li>UPLOADING (the rename may have happened: a crash or a broken connection after asking for it):
 *       the hub looks where the bank can show the file — its inbox, the archive the profile names, the
 *       temporary file still there — and waits while answers are pending in the bank's outbox (one that
 *       names the file proves it arrived); found means UPLOADED, a temporary file still there means the
 *       rename never happened (uploaded again), and nothing at all means DELIVERY_UNCERTAIN, the file held
 *       for an operator;</li>
 *   <li>UPLOADED, ANSWERED or DELIVERY_UNCERTAIN: only the staged file is put in its place (sent, held).</li>
 * </ul>
 */
public class BankUploader {

    static final String ACTOR = "route:bank-upload";
    /** A staged file whose delivery another node took over (it lost its node): quarantined here, never sent. */
    public static final String DELIVERY_RESTAGED = "DELIVERY_RESTAGED";

    private static final Logger log = LoggerFactory.getLogger(BankUploader.class);

    private final CamelContext camel;
    private final SftpUris uris;
    private final DeliveryService deliveries;
    private final ReleaseService release;
    private final StagingArea staging;

    public BankUploader(CamelContext camel, SftpUris uris, DeliveryService deliveries, ReleaseService release,
                        StagingArea staging) {
        this.camel = camel;
        this.uris = uris;
        this.deliveries = deliveries;
        this.release = release;
        this.staging = staging;
    }

    /** What looking at the bank's server told about a file whose rename may have happened. */
    enum Seen {
        /** The bank shows the file under its final name. */
        FOUND,
        /** The temporary file is there and the final name is not: the rename never happened. */
        NOT_RENAMED,
        /** Answers are waiting in the bank's outbox: one of them may name the file. */
        ANSWERS_PENDING,
        /** Nothing the bank shows tells. */
        NOTHING
    }

    /** A look at the bank's server: what it told, and where. */
    record Look(Seen seen, String evidence) {
    }

    /** Handles the staged file {@code fileName} of {@code bank} as its delivery's state says. */
    public void deliver(BankProfile bank, String fileName) {
        Optional<Delivery> known = deliveries.find(bank.code(), fileName);
        if (known.isEmpty()) {
            release.quarantine(bank.code(), fileName);
            return;
        }
        Delivery d = known.get();
        String elsewhere = deliveries.stagedElsewhere(d);
        if (elsewhere != null) {
            staging.quarantine(bank.code(), fileName, DELIVERY_RESTAGED, "another node (staging area " + elsewhere
                    + ") staged this file again and sends it, this node having been taken for lost: this copy is never"
                    + " sent", Instant.now());
            log.warn("{}: {} for {} was taken over by another node (staging area {}); this copy quarantined, never"
                    + " sent", DELIVERY_RESTAGED, fileName, bank.code(), elsewhere);
            return;
        }
        switch (d.status()) {
            case UPLOADED, ANSWERED, DELIVERY_UNCERTAIN -> deliveries.placeFile(d);
            case UPLOADING -> resolve(bank, d);
            case PREPARED, TRANSFERRING -> transfer(bank, d);
        }
    }

    private void resolve(BankProfile bank, Delivery d) {
        Look look;
        try (BankServer server = BankServer.connect(camel, uris.bankSession(bank))) {
            look = look(server, bank.sftp(), d.fileName());
        }
        switch (look.seen()) {
            case FOUND -> {
                deliveries.arrived(d.deliveryId(), ACTOR, "the upload's rename had completed: " + look.evidence());
                log.warn("{} for {}: an interrupted upload had reached the bank ({})", d.fileName(), bank.code(),
                        look.evidence());
            }
            case NOT_RENAMED -> {
                deliveries.renameNotDone(d.deliveryId(), ACTOR, look.evidence());
                log.warn("{} for {}: an interrupted upload never renamed its temporary file ({}): uploading again",
                        d.fileName(), bank.code(), look.evidence());
                transfer(bank, deliveries.find(d.deliveryId()).orElseThrow());
            }
            case ANSWERS_PENDING -> log.info("{} for {} may have reached the bank; waiting for {} before deciding",
                    d.fileName(), bank.code(), look.evidence());
            case NOTHING -> {
                deliveries.uncertain(d.deliveryId(), ACTOR, "the upload may have completed and the bank shows"
                        + " nothing that tells: " + look.evidence() + "; an operator confirms or resends it");
                staging.toHeld(bank.code(), d.fileName());
            }
        }
    }

    /**
     * Looks where the bank can show {@code fileName}: its inbox, the archive its profile names, the
     * temporary file, then answers waiting in its outbox.
     */
    static Look look(BankServer server, SftpEndpoint sftp, String fileName) {
        Map<String, Long> inbox = server.list(sftp.inbox());
        if (inbox.containsKey(fileName)) {
            return new Look(Seen.FOUND, fileName + " is in the bank's inbox " + sftp.inbox());
        }
        boolean archive = sftp.inboxArchive() != null && !sftp.inboxArchive().isBlank();
        if (archive && server.list(sftp.inboxArchive()).containsKey(fileName)) {
            return new Look(Seen.FOUND, fileName + " is in the bank's archive " + sftp.inboxArchive());
        }
        if (inbox.containsKey(fileName + StagingArea.PART)) {
            return new Look(Seen.NOT_RENAMED, fileName + StagingArea.PART + " is still in the bank's inbox and "
                    + fileName + " is not");
        }
        long answers = server.list(sftp.outbox()).keySet().stream()
                .filter(n -> !n.endsWith(".tmp") && !n.endsWith(StagingArea.PART)).count();
        if (answers > 0) {
            return new Look(Seen.ANSWERS_PENDING, answers + " answer file(s) in the bank's outbox");
        }
        return new Look(Seen.NOTHING, fileName + " is not in the bank's inbox " + sftp.inbox()
                + (archive ? " nor in its archive " + sftp.inboxArchive() : " (the profile names no archive)")
                + ", and no answer names it");
    }

    private void transfer(BankProfile bank, Delivery prepared) {
        Path file = staging.folder(bank.code()).resolve(prepared.fileName());
        try {
            deliveries.requireUnaltered(prepared, file);
        } catch (TreasuryException altered) {
            staging.quarantine(bank.code(), prepared.fileName(), altered.code(), altered.getMessage(),
                    Instant.now());
            log.error("{}: {} for {} is not the file released; quarantined, never sent", altered.code(),
                    prepared.fileName(), bank.code());
            return;
        }
        BankServer connected;
        try {
            connected = BankServer.connect(camel, uris.bankSession(bank));
        } catch (RuntimeException e) {
            if (prepared.status() == DeliveryStatus.PREPARED) {
                deliveries.connectFailed(prepared.deliveryId(), e.getMessage());
            }
            throw e;
        }
        try (BankServer server = connected) {
            Delivery d = deliveries.startTransfer(prepared.deliveryId(), ACTOR);
            String folder = bank.sftp().inbox();
            String temp = d.fileName() + StagingArea.PART;
            log.info("uploading {} to {}, attempt {}", d.fileName(), bank.code(), d.attempts());
            long size;
            try {
                size = Files.size(file);
                if (server.list(folder).containsKey(d.fileName())) {
                    // never overwrite what the bank has under the final name: it is this file, from an attempt
                    // whose end the hub did not see
                    deliveries.arrived(d.deliveryId(), ACTOR, d.fileName() + " was already in the bank's inbox");
                    return;
                }
                try (InputStream in = new MidTransfer(Files.newInputStream(file), size)) {
                    server.put(folder, temp, in, size);
                }
                Long written = server.list(folder).get(temp);
                if (written == null || written != size) {
                    throw new IllegalStateException(temp + " on the bank's server has " + written + " bytes, not " + size);
                }
            } catch (IOException e) {
                deliveries.transferFailed(d.deliveryId(), ACTOR, e.toString());
                throw new UncheckedIOException("cannot upload " + d.fileName() + " to " + bank.code(), e);
            } catch (RuntimeException e) {
                deliveries.transferFailed(d.deliveryId(), ACTOR, e.toString());
                throw e;
            }
            deliveries.renameAsked(d.deliveryId(), ACTOR);
            CrashPoints.reached("upload-before-rename");
            server.rename(folder, temp, d.fileName());
            CrashPoints.reached("upload-after-rename");
            deliveries.arrived(d.deliveryId(), ACTOR, "uploaded in " + d.fileName() + ", attempt " + d.attempts());
            log.info("uploaded {} to {}", d.fileName(), bank.code());
        }
    }

    /** The staged file as it is read for the upload; the crash tests stop the upload halfway through it. */
    private static final class MidTransfer extends FilterInputStream {
        private final long half;
        private long read;
        private boolean halfway;

        MidTransfer(InputStream in, long size) {
            super(in);
            this.half = Math.max(1, size / 2);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (!halfway && read >= half) {
                // the first half has been handed to the SFTP client: the bank holds part of <name>.part
                halfway = true;
                CrashPoints.reached("upload-mid-transfer");
            }
            int n = super.read(b, off, read < half ? (int) Math.min(len, half - read) : len);
            if (n > 0) {
                read += n;
            }
            return n;
        }
    }
}
