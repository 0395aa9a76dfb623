package org.jincai.server.demo;

import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.jincai.core.release.ReleaseResult;
import org.jincai.core.report.BankTotals;
import org.jincai.core.voucher.VoucherOutcome;
import org.jincai.formats.Problem;

/** The demo's summary table, as an operator reads it. */
final class DemoReport {

    static final int LISTED_DUPLICATES = 5;

    private DemoReport() {
    }

    private static boolean onlyDuplicate(VoucherOutcome o) {
        return o.errors().stream().allMatch(p -> p.code().equals("DUPLICATE_VOUCHER"));
    }

    static void print(PrintStream out, List<VoucherOutcome> outcomes, ReleaseResult release, List<BankTotals> banks,
                      List<String> xsd, Map<String, Integer> byStatus, Duration took) {
        long accepted = outcomes.stream().filter(VoucherOutcome::accepted).count();
        out.println();
        out.println("Vouchers");
        out.printf("  received %d, accepted %d, refused %d%n", outcomes.size(), accepted, outcomes.size() - accepted);
        Map<String, Long> byCode = outcomes.stream().filter(o -> !o.accepted())
                .flatMap(o -> o.errors().stream().map(Problem::code).distinct())
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        byCode.forEach((code, n) -> out.printf("  refused %-22s %d%n", code, n));
        List<VoucherOutcome> refused = outcomes.stream().filter(o -> !o.accepted()).toList();
        // a rerun refuses every voucher as a duplicate: list them only when they are few
        boolean listDuplicates = byCode.getOrDefault("DUPLICATE_VOUCHER", 0L) <= LISTED_DUPLICATES;
        refused.stream().filter(o -> listDuplicates || !onlyDuplicate(o)).forEach(o -> out.printf("    %s %s/%s/%s: %s%n",
                o.voucherNo(), o.admDivCode(), o.stYear(), o.vtCode(), o.errors().stream()
                        .map(p -> p.code() + (p.location().isEmpty() ? "" : " (" + p.location() + ")")).distinct()
                        .collect(Collectors.joining("; "))));

        out.println();
        out.println("Banks (this run)");
        out.printf("  %-10s %5s %12s %16s %9s %9s %9s%n", "bank", "files", "transactions", "amount CNY", "accepted",
                "rejected", "awaiting");
        if (banks.isEmpty()) {
            out.println("  nothing new to send");
        }
        for (BankTotals t : banks) {
            out.printf("  %-10s %5d %12d %16s %9d %9d %9d%n", t.bankCode(), t.files(), t.transactions(),
                    t.amount().setScale(2).toPlainString(), t.accepted(), t.rejected(), t.awaitingAnswer());
        }
        int files = banks.stream().mapToInt(BankTotals::files).sum();
        int txs = banks.stream().mapToInt(BankTotals::transactions).sum();
        BigDecimal total = banks.stream().map(BankTotals::amount).reduce(BigDecimal.ZERO, BigDecimal::add);
        out.printf("  %-10s %5d %12d %16s %9d %9d %9d%n", "total", files, txs, total.setScale(2).toPlainString(),
                banks.stream().mapToInt(BankTotals::accepted).sum(), banks.stream().mapToInt(BankTotals::rejected).sum(),
                banks.stream().mapToInt(BankTotals::awaitingAnswer).sum());
        release.failures().forEach(p -> out.println("  NOT RELEASED " + p));
        if (!xsd.isEmpty()) {
            out.println();
            out.println("pain.001.001.09 as delivered, against the official XSD");
            xsd.forEach(line -> out.println("  " + line));
        }
        out.println();
        out.println("Payments by status (all runs on this home)");
        out.println("  " + (byStatus.isEmpty() ? "none" : byStatus.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        out.printf("%nDone in %.1f s%n", took.toMillis() / 1000.0);
    }
}
