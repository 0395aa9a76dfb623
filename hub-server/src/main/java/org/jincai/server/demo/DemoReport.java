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
import org.jincai.core.report.SummaryQueries;
import org.jincai.core.voucher.VoucherIntakeService;
import org.jincai.formats.fiscal.VoucherBody;

/** The demo's summary, as an operator reads it. */
final class DemoReport {

    static final int LISTED_DUPLICATES = 5;

    private DemoReport() {
    }

    /** Everything one run did. */
    record Run(List<String> inboxFiles, int accepted, List<SummaryQueries.Refusal> refused,
               DemoControls.Summary controls, ReleaseResult release, List<BankTotals> banks, List<String> xsd,
               Map<Integer, SummaryQueries.AnswerTotals> answers, List<String> outbox, Map<String, Integer> byStatus,
               Duration took) {
    }

    static void print(PrintStream out, Run run) {
        out.println();
        out.println("Vouchers (" + run.inboxFiles().size() + " envelope files dropped into the finance inbox)");
        long duplicates = duplicates(run);
        out.printf("  received %d, accepted %d, refused %d, duplicates %d%n", run.accepted() + run.refused().size(),
                run.accepted(), run.refused().size() - duplicates, duplicates);
        if (run.accepted() + run.refused().size() == 0) {
            out.println("  nothing new: these files were taken before, and are not taken twice");
        }
        Map<String, Long> byCode = run.refused().stream().flatMap(r -> r.codes().stream())
                .collect(Collectors.groupingBy(c -> c, TreeMap::new, Collectors.counting()));
        byCode.forEach((code, n) -> out.printf("  %-8s %-22s %d%n",
                VoucherIntakeService.DUPLICATE_VOUCHER.equals(code) ? "not new" : "refused", code, n));
        boolean listDuplicates = byCode.getOrDefault("DUPLICATE_VOUCHER", 0L) <= LISTED_DUPLICATES;
        run.refused().stream().filter(r -> listDuplicates || !r.codes().equals(List.of("DUPLICATE_VOUCHER")))
                .forEach(r -> out.printf("    %s %s/%s/%s: %s%n", r.voucherNo(), r.admDivCode(), r.stYear(), r.vtCode(),
                        r.detail()));
        DemoControls.print(out, run.controls());

        out.println();
        out.println("Banks (this run)");
        out.printf("  %-10s %5s %12s %16s %9s %9s %9s %9s%n", "bank", "files", "transactions", "amount CNY", "accepted",
                "paid", "rejected", "awaiting");
        if (run.banks().isEmpty()) {
            out.println("  nothing new to send");
        }
        for (BankTotals t : run.banks()) {
            row(out, t.bankCode(), t.files(), t.transactions(), t.amount(), t.accepted(), t.paid(), t.rejected(),
                    t.awaitingAnswer());
        }
        row(out, "total", run.banks().stream().mapToInt(BankTotals::files).sum(),
                run.banks().stream().mapToInt(BankTotals::transactions).sum(),
                run.banks().stream().map(BankTotals::amount).reduce(BigDecimal.ZERO, BigDecimal::add),
                run.banks().stream().mapToInt(BankTotals::accepted).sum(),
                run.banks().stream().mapToInt(BankTotals::paid).sum(),
                run.banks().stream().mapToInt(BankTotals::rejected).sum(),
                run.banks().stream().mapToInt(BankTotals::awaitingAnswer).sum());
        run.release().failures().forEach(p -> out.println("  NOT RELEASED " + p));
        if (!run.xsd().isEmpty()) {
            out.println();
            out.println("pain.001.001.09 as delivered, against the official XSD");
            run.xsd().forEach(line -> out.println("  " + line));
        }

        out.println();
        out.println("Answers to the finance system (this run)");
        SummaryQueries.AnswerTotals none = new SummaryQueries.AnswerTotals(0, BigDecimal.ZERO);
        SummaryQueries.AnswerTotals receipts = run.answers().getOrDefault(VoucherBody.FLAG_RECEIPT, none);
        SummaryQueries.AnswerTotals returns = run.answers().getOrDefault(VoucherBody.FLAG_RETURN, none);
        out.printf("  receipts (回单) %d, reporting %s CNY paid; returns (退回) of settled vouchers %d; "
                + "returns of refused vouchers %d; duplicate notices %d%n", receipts.count(),
                receipts.paid().setScale(2).toPlainString(), returns.count(), run.refused().size() - duplicates(run),
                duplicates(run));
        out.println("  finance outbox now holds " + run.outbox().size() + " file(s)");

        out.println();
        out.println("Payments by status (all runs on this home)");
        out.println("  " + (run.byStatus().isEmpty() ? "none" : run.byStatus().entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
        out.printf("%nDone in %.1f s%n", run.took().toMillis() / 1000.0);
    }

    /** Vouchers not taken because their key was taken before: answered with a duplicate notice, not a return. */
    private static long duplicates(Run run) {
        return run.refused().stream().filter(r -> r.codes().equals(List.of(VoucherIntakeService.DUPLICATE_VOUCHER)))
                .count();
    }

    private static void row(PrintStream out, String bank, int files, int txs, BigDecimal amount, int accepted,
                            int paid, int rejected, int awaiting) {
        out.printf("  %-10s %5d %12d %16s %9d %9d %9d %9d%n", bank, files, txs, amount.setScale(2).toPlainString(),
                accepted, paid, rejected, awaiting);
    }
}
