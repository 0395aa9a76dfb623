package org.jincai.server.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.SftpEndpoint;
import org.jincai.core.bank.BankDirectory;
import org.jincai.routes.bank.SftpCheck;

/**
 * {@code jincai banks list} prints the configured bank profiles (never a secret); {@code jincai banks check
 * CODE} connects to the bank's SFTP server as the routes do and reports what it finds.
 */
final class BanksCommand {

    private final BankDirectory banks;
    private final SftpCheck sftpCheck;
    private final PrintStream out;

    BanksCommand(BankDirectory banks, SftpCheck check, PrintStream out) {
        this.banks = banks;
        this.sftpCheck = check;
        this.out = out;
    }

    /** Checks the arguments before anything starts: {@code list} or {@code check CODE}. */
    static void validate(List<String> args) {
        boolean list = args.size() == 1 && args.get(0).equals("list");
        boolean check = args.size() == 2 && args.get(0).equals("check") && !args.get(1).startsWith("-");
        if (!list && !check) {
            throw new CliArguments.UsageException("use 'banks list' or 'banks check CODE'");
        }
    }

    int run(List<String> args) {
        if (args.get(0).equals("list")) {
            list();
            return 0;
        }
        BankProfile bank = banks.all().stream().filter(b -> b.code().equals(args.get(1))).findFirst()
                .orElseThrow(() -> new CliArguments.UsageException("no bank profile '" + args.get(1) + "'; see 'banks list'"));
        return check(bank);
    }

    private void list() {
        out.printf("%-10s %-14s %-16s %-16s %-6s %8s %16s  %s%n", "code", "bank numbers", "outbound", "answers",
                "chars", "max txs", "max amount", "sftp");
        for (BankProfile b : banks.all()) {
            SftpEndpoint s = b.sftp();
            out.printf("%-10s %-14s %-16s %-16s %-6s %8d %16s  %s@%s:%d inbox=%s outbox=%s auth=%s host-key=%s%n",
                    b.code(), String.join(",", b.agentBankNumbers()), b.outboundFormat().id(), b.answerFormat().id(),
                    b.charset().name(), b.maxTransactionsPerFile(), b.maxAmountPerFile().toPlainString(), s.user(),
                    s.host(), s.port(), s.inbox(), s.outbox(),
                    s.privateKeyFile() != null && !s.privateKeyFile().isBlank() ? "key" : "password", "verified");
        }
    }

    private int check(BankProfile bank) {
        SftpCheck.Report r = sftpCheck.check(bank.code(), bank.sftp());
        out.println("bank " + bank.code() + " (" + bank.name() + ") at sftp://" + r.endpoint()
                + ", logging in as the routes do");
        if (r.errorCode() != null) {
            out.println("  FAILED     " + r.errorCode() + ": " + r.error());
            return 1;
        }
        out.println("  host key   matches the profile's known-hosts line");
        out.println("  login      ok");
        for (Map.Entry<String, SftpCheck.Folder> f : r.folders().entrySet()) {
            out.printf("  %-10s %-12s %s%n", f.getKey(), f.getValue().path(),
                    f.getValue().exists() ? f.getValue().files() + " file(s)" : "MISSING");
        }
        return r.ok() ? 0 : 1;
    }
}
