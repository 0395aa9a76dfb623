package org.jincai.core.finance;

import java.util.List;
import org.jincai.bank.profile.SftpEndpoint;
import org.springframework.boot.context.properties.bind.ConstructorBinding;

/**
 * A provincial or municipal finance system (财政) the hub serves, as data: which administrative divisions
 * (AdmDivCode) it speaks for, and where its voucher inbox and its outbox for receipts and returns are —
 * either folders on this machine ({@code folder}/inbox, {@code folder}/outbox) or an SFTP server
 * ({@code sftp}, its inbox and outbox folders), exactly one of the two — how its vouchers are read
 * ({@code reading}: strict or lenient, its habits, SHA-1, unlisted voucher types, trusted certificates), and
 * when a file in its inbox is complete ({@code inboxReady}; null until the hub's default is applied, see
 * {@link #withDefaultInboxReady}).
 */
public record FinanceSystem(String code, String name, List<String> admDivCodes, String folder, SftpEndpoint sftp,
                            VoucherReading reading, InboxReady inboxReady) {

    @ConstructorBinding
    public FinanceSystem {
        admDivCodes = admDivCodes == null ? List.of() : List.copyOf(admDivCodes);
        reading = reading == null ? VoucherReading.defaults() : reading;
    }

    /** A finance system read with {@code reading}, its inbox following the hub's default readiness rule. */
    public FinanceSystem(String code, String name, List<String> admDivCodes, String folder, SftpEndpoint sftp,
                         VoucherReading reading) {
        this(code, name, admDivCodes, folder, sftp, reading, null);
    }

    /** A finance system read with the default profile ({@link VoucherReading#defaults()}). */
    public FinanceSystem(String code, String name, List<String> admDivCodes, String folder, SftpEndpoint sftp) {
        this(code, name, admDivCodes, folder, sftp, null, null);
    }

    /** This system, with {@code fallback} as its inbox readiness rule unless it has its own. */
    public FinanceSystem withDefaultInboxReady(InboxReady fallback) {
        return inboxReady != null ? this : new FinanceSystem(code, name, admDivCodes, folder, sftp, reading, fallback);
    }

    /** The inbox readiness rule, the built-in default when none was given. */
    public InboxReady ready() {
        return inboxReady == null ? InboxReady.defaults() : inboxReady;
    }

    public boolean local() {
        return folder != null && !folder.isBlank();
    }

    public boolean serves(String admDivCode) {
        return admDivCodes.contains(admDivCode);
    }

    public FinanceSystem withSftp(SftpEndpoint endpoint) {
        return new FinanceSystem(code, name, admDivCodes, folder, endpoint, reading, inboxReady);
    }
}
