package org.jincai.core.finance;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jincai.bank.profile.BankProfileValidator;
import org.jincai.core.TreasuryException;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.VoucherBody;
import org.jincai.formats.fiscal.sign.VoucherSigner;

/**
 * The finance systems the hub serves, checked once at start: codes unique and safe as folder names, each
 * AdmDivCode served by one system only, exactly one of a local folder or an SFTP endpoint, an SFTP
 * endpoint with a port, a credential and the known-hosts line of its server, and a reading profile whose
 * certificates can be loaded. Each system's reader options are built once, here.
 */
public class FinanceDirectory {

    public static final String FINANCE_SYSTEM_INVALID = "FINANCE_SYSTEM_INVALID";

    private final List<FinanceSystem> systems;
    private final Map<String, FiscalReadOptions> readOptions = new HashMap<>();
    private final Map<String, VoucherSigner> signers = new HashMap<>();

    public FinanceDirectory(List<FinanceSystem> systems) {
        List<String> problems = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        Set<String> divisions = new HashSet<>();
        for (FinanceSystem f : systems) {
            String at = "finance system " + f.code();
            if (f.code() == null || !f.code().matches("[A-Za-z0-9_-]{1,32}")) {
                problems.add(at + " / code: 1-32 letters, digits, '-' or '_'");
            } else if (!codes.add(f.code())) {
                problems.add(at + " / code: defined twice");
            }
            if (f.admDivCodes().isEmpty()) {
                problems.add(at + " / adm-div-codes: at least one AdmDivCode");
            }
            for (String d : f.admDivCodes()) {
                if (!divisions.add(d)) {
                    problems.add(at + " / adm-div-codes: " + d + " is served by another finance system too");
                }
            }
            if (f.local() == (f.sftp() != null)) {
                problems.add(at + ": give exactly one of folder or sftp");
            }
            if (f.sftp() != null) {
                BankProfileValidator.endpointProblems(f.sftp(), at).forEach(p -> problems.add(p.location() + ": "
                        + p.message()));
                if (f.sftp().noCredential()) {
                    problems.add(at + " / sftp.password: neither a password nor a private key is configured");
                }
            }
            try {
                readOptions.put(f.code(), f.reading().toOptions());
                f.reading().hubSigner().ifPresent(signer -> signers.put(f.code(), signer));
            } catch (IllegalArgumentException e) {
                problems.add(at + " / reading: " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new TreasuryException(FINANCE_SYSTEM_INVALID, problems.size() + " finance system problem(s): "
                    + String.join("; ", problems), "finance-systems");
        }
        this.systems = List.copyOf(systems);
    }

    public List<FinanceSystem> all() {
        return systems;
    }

    public Optional<FinanceSystem> forAdmDivCode(String admDivCode) {
        return systems.stream().filter(f -> f.serves(admDivCode)).findFirst();
    }

    /**
     * The reader options of the finance system serving this body's AdmDivCode; the defaults (lenient, every
     * habit, unlisted voucher types refused, no signature check) when none serves it.
     */
    public FiscalReadOptions readOptionsFor(VoucherBody body) {
        return forAdmDivCode(body.admDivCode()).map(f -> readOptions.get(f.code())).orElse(FiscalReadOptions.defaults());
    }

    /**
     * The hub's signer for what it sends to the finance system serving this AdmDivCode, when that system's signature
     * policy signs ({@link VoucherReading#hubSigner()}).
     */
    public Optional<VoucherSigner> signerFor(String admDivCode) {
        return forAdmDivCode(admDivCode).map(f -> signers.get(f.code()));
    }

    /** The finance system configured under {@code code}, if any. */
    public Optional<FinanceSystem> find(String code) {
        return systems.stream().filter(f -> f.code().equals(code)).findFirst();
    }

    public FinanceSystem require(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("no finance system '" + code + "'"));
    }
}
