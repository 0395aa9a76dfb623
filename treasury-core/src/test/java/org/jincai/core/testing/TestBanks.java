package org.jincai.core.testing;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.bank.profile.TransliterationPolicy;

/**
 * The two demo banks as the core's tests use them: DEMO-ISO (pain.001.001.09, UTF-8, pain.002 answers,
 * camt.053 statements book the payments) and DEMO-PIPE (pipe-delimited GBK, whose return file settles).
 */
public final class TestBanks {

    public static final String ISO_BANK_NO = "999100000001";
    public static final String PIPE_BANK_NO = "999200000002";
    public static final LocalTime CUT_OFF = LocalTime.of(16, 0);

    private TestBanks() {
    }

    public static BankProfile iso(int port) {
        return iso(port, 1000);
    }

    /** DEMO-ISO with another per-file transaction limit, to see releases split. */
    public static BankProfile iso(int port, int maxTransactionsPerFile) {
        return iso(port, maxTransactionsPerFile, new BigDecimal("100000000.00"));
    }

    /** DEMO-ISO with other per-file limits of count and amount, to see files cut by either. */
    public static BankProfile iso(int port, int maxTransactionsPerFile, BigDecimal maxAmountPerFile) {
        return new BankProfile("DEMO-ISO", "Demo ISO 20022 bank", List.of(ISO_BANK_NO), BankFormat.PAIN_001_001_09,
                BankFormat.PAIN_002_001_10, Charset.forName("UTF-8"), maxTransactionsPerFile, maxAmountPerFile, true,
                "{bank}_{date}_{batch}_{part}", endpoint("demo-iso", port), TransliterationPolicy.REFUSE, CUT_OFF,
                BankFormat.CAMT_053_001_08, false, false);
    }

    public static BankProfile pipe(int port) {
        return new BankProfile("DEMO-PIPE", "Demo pipe-file bank", List.of(PIPE_BANK_NO), BankFormat.PIPE_GBK,
                BankFormat.PIPE_GBK_RETURN, Charset.forName("GBK"), 1000, new BigDecimal("100000000.00"), false,
                "{bank}_{date}_{batch}_{part}", endpoint("demo-pipe", port), TransliterationPolicy.REFUSE, CUT_OFF,
                null, true, false);
    }

    public static List<BankProfile> both(int port) {
        return List.of(iso(port), pipe(port));
    }

    /**
     * The endpoint of a bank on {@code port}; port 0 is the simulator's side of it (the server has no
     * known-hosts line), any other port carries a host key line, as the hub requires, that the core's tests
     * never connect with.
     */
    private static SftpEndpoint endpoint(String user, int port) {
        String knownHosts = port == 0 ? null : "[127.0.0.1]:" + port + " " + TEST_HOST_KEY;
        return new SftpEndpoint("127.0.0.1", port, user, user + "-secret", null, knownHosts, "inbox", "outbox", "archive",
                "error", Duration.ofMillis(500), null);
    }

    /** An ed25519 public key in known_hosts form, for profiles that are validated but never connected. */
    public static final String TEST_HOST_KEY = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIEppbmNhaUNvcmVUZXN0c05ldmVyQ29ubmVjdFdpdGgh";
}
