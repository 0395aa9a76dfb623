package org.jincai.core.release;

import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.core.Digests;
import org.jincai.core.TreasuryException;
import org.jincai.core.audit.AuditEntry;
import org.jincai.core.audit.AuditTrail;
import org.jincai.core.payment.Payment;
import org.jincai.core.payment.PaymentLifecycle;
import org.jincai.core.payment.PaymentRepository;
import org.jincai.core.payment.PaymentStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where each payment file stands on its way to the bank, moved only along {@link DeliveryStatus}'s steps
 * and only from the state the caller saw (two writers never both move one delivery), each move recorded in
 * {@code delivery_event} with time, actor and reason, and durable before the step it announces is taken:
 * an upload attempt is recorded before the first byte leaves, the request to rename before the rename.
 * A delivery that may have reached the bank is never sent again by itself: it is found at the bank,
 * proved by an answer, or held as DELIVERY_UNCERTAIN for an operator, who confirms it or orders the same
 * file (same name, same message id, same bytes) resent, with a reason.
 */
public class DeliveryService {

    public static final String UNKNOWN_DELIVERY = "UNKNOWN_DELIVERY";
    public static final String DELIVERY_NOT_FOUND = "DELIVERY_NOT_FOUND";
    public static final String DELIVERY_NOT_UNCERTAIN = "DELIVERY_NOT_UNCERTAIN";
    public static final String DELIVERY_STATE_CHANGED = "DELIVERY_STATE_CHANGED";
    public static final String DELIVERY_FILE_MISSING = "DELIVERY_FILE_MISSING";
    public static final String DELIVERY_FILE_ALTERED = "DELIVERY_FILE_ALTERED";
    public static final String REASON_REQUIRED = "REASON_REQUIRED";
    /** The audit trail's object type and actions for deliveries. */
    public static final String AUDIT_OBJECT = "delivery";
    public static final String AUDIT_HELD = "DELIVERY_HELD";
    public static final String AUDIT_CONFIRMED = "DELIVERY_CONFIRMED";
    public static final String AUDIT_RESENT = "DELIVERY_RESENT";

    private static final Logger log = LoggerFactory.getLogger(DeliveryService.class);
    private static final Set<DeliveryStatus> NOT_ARRIVED = EnumSet.of(DeliveryStatus.PREPARED,
            DeliveryStatus.TRANSFERRING, DeliveryStatus.UPLOADING, DeliveryStatus.DELIVERY_UNCERTAIN);

    private final NamedParameterJdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final PaymentRepository payments;
    private final PaymentLifecycle lifecycle;
    private final StagingArea staging;
    private final AuditTrail audit;
    private final Clock clock;

    public DeliveryService(NamedParameterJdbcTemplate jdbc, TransactionTemplate tx, PaymentRepository payments,
                           PaymentLifecycle lifecycle, StagingArea staging, AuditTrail audit, Clock clock) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.payments = payments;
        this.lifecycle = lifecycle;
        this.staging = staging;
        this.audit = audit;
        this.clock = clock;
    }

    // ---- reading ----

    public Optional<Delivery> find(String bankCode, String fileName) {
        return jdbc.query("SELECT " + Delivery.COLUMNS + " FROM bank_delivery WHERE bank_code = :bank AND file_name = :name",
                new MapSqlParameterSource("bank", bankCode).addValue("name", fileName), Delivery.MAPPER)
                .stream().findFirst();
    }

    public Optional<Delivery> findByMessageId(String bankCode, String messageId) {
        return jdbc.query("SELECT " + Delivery.COLUMNS + " FROM bank_delivery WHERE bank_code = :bank AND message_id = :msg",
                new MapSqlParameterSource("bank", bankCode).addValue("msg", messageId), Delivery.MAPPER)
                .stream().findFirst();
    }

    public Optional<Delivery> find(String deliveryId) {
        return jdbc.query("SELECT " + Delivery.COLUMNS + " FROM bank_delivery WHERE delivery_id = :id",
                new MapSqlParameterSource("id", deliveryId), Delivery.MAPPER).stream().findFirst();
    }

    /** Every delivery, or those in {@code status} when it is not null, oldest first. */
    public List<Delivery> list(DeliveryStatus status) {
        return jdbc.query("SELECT " + Delivery.COLUMNS + " FROM bank_delivery"
                        + (status == null ? "" : " WHERE status = :status") + " ORDER BY prepared_at, bank_code, file_name",
                new MapSqlParameterSource("status", status == null ? null : status.name()), Delivery.MAPPER);
    }

    /** The delivery's trail, oldest first. */
    public List<DeliveryEvent> history(String deliveryId) {
        return jdbc.query("""
                SELECT from_status, to_status, actor, reason, occurred_at FROM delivery_event
                 WHERE delivery_id = :id ORDER BY occurred_at, event_id""",
                new MapSqlParameterSource("id", deliveryId), (rs, n) -> new DeliveryEvent(
                        rs.getString(1) == null ? null : DeliveryStatus.valueOf(rs.getString(1)),
                        DeliveryStatus.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4),
                        rs.getTimestamp(5).toInstant()));
    }

    private Delivery require(String deliveryId) {
        return find(deliveryId).orElseThrow(() -> new TreasuryException(DELIVERY_NOT_FOUND,
                "no delivery " + deliveryId, "delivery " + deliveryId));
    }

    /**
     * The staging area of another node holds this delivery's file now: that node took it over (ReleaseService.restage)
     * and sends it; a copy here is never sent. Null when the file is this node's (or staged before the hub recorded
     * where).
     */
    public String stagedElsewhere(Delivery d) {
        String by = jdbc.queryForObject("SELECT staged_by FROM bank_delivery WHERE delivery_id = :id",
                new MapSqlParameterSource("id", d.deliveryId()), String.class);
        return by == null || by.equals(staging.id()) ? null : by;
    }

    // ---- the upload's steps ----

    /**
     * Records an upload attempt before its first byte leaves (PREPARED or TRANSFERRING → TRANSFERRING,
     * attempts + 1): the attempt writes only the temporary name, so the bank cannot receive anything yet.
     *
     * @throws TreasuryException DELIVERY_STATE_CHANGED when the delivery is in another state
     */
    public Delivery startTransfer(String deliveryId, String actor) {
        return tx.execute(status -> {
            Delivery d = require(deliveryId);
            if (d.status() != DeliveryStatus.PREPARED && d.status() != DeliveryStatus.TRANSFERRING) {
                throw new TreasuryException(DELIVERY_STATE_CHANGED, "delivery " + d.fileName() + " is " + d.status()
                        + ", not ready to upload", "delivery " + deliveryId);
            }
            int attempt = d.attempts() + 1;
            // only the node whose staging area holds the file (another may have taken it over: ReleaseService.restage)
            if (!update(d, DeliveryStatus.TRANSFERRING, actor, "attempt " + attempt + ": writing " + d.fileName()
                    + StagingArea.PART + " on the bank's server", ", attempts = attempts + 1",
                    " AND (staged_by IS NULL OR staged_by = :me)")) {
                throw new TreasuryException(DELIVERY_STATE_CHANGED, "delivery " + d.fileName() + " changed meanwhile",
                        "delivery " + deliveryId);
            }
            return require(deliveryId);
        });
    }

    /**
     * An attempt that could not even reach the bank's server (down, refusing the login): counted, its error
     * kept as the delivery's reason; the delivery stays PREPARED and no transition is recorded.
     */
    public void connectFailed(String deliveryId, String error) {
        jdbc.update("""
                UPDATE bank_delivery SET attempts = attempts + 1, status_reason = :reason, status_at = :now
                 WHERE delivery_id = :id AND status = :prepared""",
                new MapSqlParameterSource("reason", Digests.fit("cannot reach the bank's server: " + error, 400))
                        .addValue("now", Timestamp.from(clock.instant())).addValue("id", deliveryId)
                        .addValue("prepared", DeliveryStatus.PREPARED.name()));
    }

    /** The attempt failed before the rename was asked for: nothing reached the bank (TRANSFERRING → PREPARED). */
    public void transferFailed(String deliveryId, String actor, String error) {
        move(deliveryId, EnumSet.of(DeliveryStatus.TRANSFERRING), DeliveryStatus.PREPARED, actor,
                "upload failed before the rename was asked for, nothing reached the bank: " + error);
    }

    /**
     * Records, before asking for it, that the rename to the final name is asked for (TRANSFERRING →
     * UPLOADING): from here on the bank may have the file, and a crash leaves it to be looked for.
     */
    public void renameAsked(String deliveryId, String actor) {
        if (!move(deliveryId, EnumSet.of(DeliveryStatus.TRANSFERRING), DeliveryStatus.UPLOADING, actor,
                "temporary file complete on the bank's server; rename to the final name asked for")) {
            throw new TreasuryException(DELIVERY_STATE_CHANGED, "delivery " + deliveryId + " is no longer being"
                    + " transferred", "delivery " + deliveryId);
        }
    }

    /**
     * The rename is known not to have happened (the temporary file is still on the server, the final name
     * is not): UPLOADING → PREPARED, to be uploaded again.
     */
    public void renameNotDone(String deliveryId, String actor, String evidence) {
        move(deliveryId, EnumSet.of(DeliveryStatus.UPLOADING), DeliveryStatus.PREPARED, actor,
                "the rename did not happen: " + evidence);
    }

    /**
     * Nothing the bank shows tells whether it has the file: UPLOADING → DELIVERY_UNCERTAIN, held for an
     * operator; in the audit trail as {@value #AUDIT_HELD}.
     */
    public void uncertain(String deliveryId, String actor, String why) {
        boolean held = Boolean.TRUE.equals(tx.execute(status -> {
            if (!move(deliveryId, EnumSet.of(DeliveryStatus.UPLOADING), DeliveryStatus.DELIVERY_UNCERTAIN, actor, why)) {
                return false;
            }
            audit.append(new AuditEntry(actor, AuditEntry.Channel.SYSTEM, AUDIT_HELD, AUDIT_OBJECT, deliveryId,
                    DeliveryStatus.UPLOADING.name(), DeliveryStatus.DELIVERY_UNCERTAIN.name(), why));
            return true;
        }));
        if (held) {
            log.error("{}: delivery {} held for an operator: {}", DeliveryStatus.DELIVERY_UNCERTAIN, deliveryId, why);
        }
    }

    /**
     * The file is in the bank's hands — uploaded, found on its server, or proved by its answer: → UPLOADED
     * and its payments RELEASED → SENT, with {@code how} in both trails. Joins the caller's transaction when
     * there is one (an answer applied). Returns false when the delivery had already arrived.
     */
    public boolean arrived(String deliveryId, String actor, String how) {
        return arrived(deliveryId, actor, how, true);
    }

    private boolean arrived(String deliveryId, String actor, String how, boolean placeFile) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Delivery d = require(deliveryId);
            if (!NOT_ARRIVED.contains(d.status())) {
                return false;
            }
            if (!update(d, DeliveryStatus.UPLOADED, actor, how, ", uploaded_at = COALESCE(uploaded_at, :now)")) {
                return false;
            }
            lifecycle.move(paymentIds(d), PaymentStatus.RELEASED, PaymentStatus.SENT, actor, how);
            if (placeFile) {
                // the staged file leaves the waiting (or held) files once this is committed, never before
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        find(deliveryId).ifPresent(DeliveryService.this::placeFile);
                    }
                });
            }
            return true;
        }));
    }

    /**
     * As {@link #arrived} for an upload that completed, by bank and file name (idempotent), leaving the staged
     * file where it is for whoever uploaded it.
     */
    public boolean markUploaded(String bankCode, String fileName, String actor) {
        Delivery d = find(bankCode, fileName).orElseThrow(() -> new TreasuryException(UNKNOWN_DELIVERY,
                "no delivery " + fileName + " for bank " + bankCode, bankCode + "/" + fileName));
        return arrived(d.deliveryId(), actor, "uploaded in " + fileName, false);
    }

    /** The bank answered the file (UPLOADED → ANSWERED); inside the answer's transaction. */
    public void answered(String deliveryId, String actor, String answerFile) {
        move(deliveryId, EnumSet.of(DeliveryStatus.UPLOADED), DeliveryStatus.ANSWERED, actor, "answered in " + answerFile,
                ", answered_at = :now");
    }

    // ---- operators ----

    /**
     * An operator confirms that the bank received a DELIVERY_UNCERTAIN file (from the bank's own records):
     * → UPLOADED, its payments → SENT, with the operator and the reason in both trails and in the audit
     * trail ({@value #AUDIT_CONFIRMED}, through {@code channel}).
     *
     * @throws TreasuryException DELIVERY_NOT_FOUND, DELIVERY_NOT_UNCERTAIN, REASON_REQUIRED
     */
    public Delivery confirm(String deliveryId, String actor, AuditEntry.Channel channel, String reason) {
        String why = requireReason(reason);
        Delivery d = requireUncertain(deliveryId);
        String how = "confirmed as received by the bank by " + actor + ": " + why;
        tx.executeWithoutResult(status -> {
            if (!update(d, DeliveryStatus.UPLOADED, actor, how, ", uploaded_at = COALESCE(uploaded_at, :now)")) {
                throw changed(d);
            }
            lifecycle.move(paymentIds(d), PaymentStatus.RELEASED, PaymentStatus.SENT, actor, how);
            audit.append(new AuditEntry(actor, channel, AUDIT_CONFIRMED, AUDIT_OBJECT, deliveryId,
                    DeliveryStatus.DELIVERY_UNCERTAIN.name(), DeliveryStatus.UPLOADED.name(), why));
        });
        staging.toSent(d.bankCode(), d.fileName());
        log.warn("delivery {} ({} for {}) confirmed by {}: {}", deliveryId, d.fileName(), d.bankCode(), actor, why);
        return require(deliveryId);
    }

    /**
     * An operator orders a DELIVERY_UNCERTAIN file sent again: the same file — same name, same message id,
     * the very bytes staged (checked against the recorded SHA-256) — so the bank's duplicate check can catch
     * it; never a new file with the same payments. → PREPARED, the payments' trail noting the order, the
     * audit trail recording it ({@value #AUDIT_RESENT}, through {@code channel}).
     *
     * @throws TreasuryException DELIVERY_NOT_FOUND, DELIVERY_NOT_UNCERTAIN, REASON_REQUIRED,
     *                           DELIVERY_FILE_MISSING, DELIVERY_FILE_ALTERED
     */
    public Delivery resend(String deliveryId, String actor, AuditEntry.Channel channel, String reason) {
        String why = requireReason(reason);
        Delivery d = requireUncertain(deliveryId);
        Path file = staging.locate(d.bankCode(), d.fileName());
        if (file == null) {
            throw new TreasuryException(DELIVERY_FILE_MISSING, "the staged file " + d.fileName() + " is gone: it"
                    + " cannot be resent as it was", "delivery " + deliveryId);
        }
        requireUnaltered(d, file);
        String how = "resend of " + d.fileName() + " (same name, same message id " + d.messageId() + ") ordered by "
                + actor + ": " + why;
        tx.executeWithoutResult(status -> {
            if (!update(d, DeliveryStatus.PREPARED, actor, how, "")) {
                throw changed(d);
            }
            lifecycle.note(paymentIds(d), PaymentStatus.RELEASED, actor, how);
            audit.append(new AuditEntry(actor, channel, AUDIT_RESENT, AUDIT_OBJECT, deliveryId,
                    DeliveryStatus.DELIVERY_UNCERTAIN.name(), DeliveryStatus.PREPARED.name(), why));
        });
        if (!file.getParent().equals(staging.folder(d.bankCode()))) {
            staging.toWaiting(d.bankCode(), d.fileName());
        }
        log.warn("delivery {} ({} for {}) to be resent, ordered by {}: {}", deliveryId, d.fileName(), d.bankCode(),
                actor, why);
        return require(deliveryId);
    }

    /** Throws DELIVERY_FILE_ALTERED unless the staged file's bytes are those recorded at release. */
    public void requireUnaltered(Delivery d, Path file) {
        String sha = Digests.sha256(file);
        if (!sha.equals(d.fileSha256())) {
            throw new TreasuryException(DELIVERY_FILE_ALTERED, "the staged file " + d.fileName() + " has SHA-256 "
                    + sha + ", not " + d.fileSha256() + " as released", "delivery " + d.deliveryId());
        }
    }

    // ---- files ----

    /**
     * Puts a delivery's staged file where its state says it belongs, after a resolution or a crash: in
     * {@value StagingArea#SENT} once arrived, in {@value StagingArea#HELD} while uncertain, back among the
     * waiting files while the upload still has to take it.
     */
    public void placeFile(Delivery d) {
        Path file = staging.locate(d.bankCode(), d.fileName());
        if (file == null) {
            return;
        }
        Path folder = file.getParent();
        Path waiting = staging.folder(d.bankCode());
        if (d.status().arrived() && !folder.endsWith(StagingArea.SENT)) {
            staging.toSent(d.bankCode(), d.fileName());
        } else if (d.status() == DeliveryStatus.DELIVERY_UNCERTAIN && folder.equals(waiting)) {
            staging.toHeld(d.bankCode(), d.fileName());
        } else if (d.status().inFlight() && folder.endsWith(StagingArea.HELD)) {
            staging.toWaiting(d.bankCode(), d.fileName());
        }
    }

    /**
     * At start, puts every held file where its delivery's state says (an answer or an operator may have
     * resolved it just before a crash) and returns the deliveries still in flight, for the log.
     */
    public List<Delivery> recoverFiles(List<String> bankCodes) {
        for (String bank : bankCodes) {
            for (Path held : staging.held(bank)) {
                find(bank, held.getFileName().toString()).ifPresent(this::placeFile);
            }
        }
        return jdbc.query("SELECT " + Delivery.COLUMNS + " FROM bank_delivery WHERE status IN (:s) ORDER BY prepared_at",
                new MapSqlParameterSource("s", List.of(DeliveryStatus.PREPARED.name(), DeliveryStatus.TRANSFERRING.name(),
                        DeliveryStatus.UPLOADING.name(), DeliveryStatus.DELIVERY_UNCERTAIN.name())), Delivery.MAPPER);
    }

    // ---- the moves ----

    private boolean move(String deliveryId, Set<DeliveryStatus> from, DeliveryStatus to, String actor, String reason) {
        return move(deliveryId, from, to, actor, reason, "");
    }

    private boolean move(String deliveryId, Set<DeliveryStatus> from, DeliveryStatus to, String actor, String reason,
                         String alsoSet) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            Delivery d = require(deliveryId);
            return from.contains(d.status()) && update(d, to, actor, reason, alsoSet);
        }));
    }

    /** Moves {@code d} from the state it was read in to {@code to}; false when someone moved it first. */
    private boolean update(Delivery d, DeliveryStatus to, String actor, String reason, String alsoSet) {
        return update(d, to, actor, reason, alsoSet, "");
    }

    private boolean update(Delivery d, DeliveryStatus to, String actor, String reason, String alsoSet,
                           String alsoWhere) {
        Timestamp now = Timestamp.from(clock.instant());
        int n = jdbc.update("UPDATE bank_delivery SET status = :to, status_reason = :reason, status_at = :now" + alsoSet
                        + " WHERE delivery_id = :id AND status = :from" + alsoWhere,
                new MapSqlParameterSource("to", to.name()).addValue("reason", Digests.fit(reason, 400))
                        .addValue("now", now).addValue("id", d.deliveryId()).addValue("from", d.status().name())
                        .addValue("me", staging.id()));
        if (n == 0) {
            return false;
        }
        DeliveryEvents.record(jdbc, clock, d.deliveryId(), d.status(), to, actor, reason);
        return true;
    }

    private List<String> paymentIds(Delivery d) {
        return payments.findByDelivery(d.deliveryId()).stream()
                .filter(p -> p.status() == PaymentStatus.RELEASED).map(Payment::paymentId).toList();
    }

    private Delivery requireUncertain(String deliveryId) {
        Delivery d = require(deliveryId);
        if (d.status() != DeliveryStatus.DELIVERY_UNCERTAIN) {
            throw new TreasuryException(DELIVERY_NOT_UNCERTAIN, "delivery " + d.fileName() + " is " + d.status()
                    + ": only a delivery held as DELIVERY_UNCERTAIN is confirmed or resent by an operator",
                    "delivery " + deliveryId);
        }
        return d;
    }

    private static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw new TreasuryException(REASON_REQUIRED, "an operator's decision on a delivery needs a reason", "reason");
        }
        return reason.strip();
    }

    private static TreasuryException changed(Delivery d) {
        return new TreasuryException(DELIVERY_STATE_CHANGED, "delivery " + d.fileName() + " changed meanwhile",
                "delivery " + d.deliveryId());
    }
}
