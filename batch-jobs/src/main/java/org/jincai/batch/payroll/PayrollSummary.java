package org.jincai.batch.payroll;

import java.math.BigDecimal;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * What a run came to (summary.json, the printed summary): lines read and refused (by code), lines sent, paid,
 * failed (rejected or failed by the bank) and cancelled (a rejected approval), with their amounts to the fen, in all
 * and per bank. Sent = paid + failed + pending; sent + cancelled = the valid lines, and so for the amounts.
 */
public record PayrollSummary(String runId, String file, String sha256, String agency, String month, String retryOf,
                             PayrollRun.Status status, long rowsRead, long refused, Map<String, Long> refusedByCode,
                             Figures all, Map<String, Figures> perBank) {

    /** Counts and amounts of one bank's lines, or of all. */
    public record Figures(long files, long sent, BigDecimal sentAmount, long paid, BigDecimal paidAmount, long failed,
                          BigDecimal failedAmount, long cancelled, BigDecimal cancelledAmount, long pending,
                          BigDecimal pendingAmount) {

        public static Figures zero() {
            BigDecimal z = BigDecimal.ZERO.setScale(2);
            return new Figures(0, 0, z, 0, z, 0, z, 0, z, 0, z);
        }

        /** These figures with one more line of {@code amount} in {@code result} (PAID, FAILED, CANCELLED, else pending). */
        public Figures plus(String result, BigDecimal amount) {
            boolean off = "CANCELLED".equals(result);
            boolean isPaid = "PAID".equals(result);
            boolean isFailed = "FAILED".equals(result);
            boolean isPending = !off && !isPaid && !isFailed;
            return new Figures(files, sent + (off ? 0 : 1), off ? sentAmount : sentAmount.add(amount),
                    paid + (isPaid ? 1 : 0), isPaid ? paidAmount.add(amount) : paidAmount,
                    failed + (isFailed ? 1 : 0), isFailed ? failedAmount.add(amount) : failedAmount,
                    cancelled + (off ? 1 : 0), off ? cancelledAmount.add(amount) : cancelledAmount,
                    pending + (isPending ? 1 : 0), isPending ? pendingAmount.add(amount) : pendingAmount);
        }

        public Figures withFiles(long n) {
            return new Figures(n, sent, sentAmount, paid, paidAmount, failed, failedAmount, cancelled, cancelledAmount,
                    pending, pendingAmount);
        }

        String json() {
            return "{\"files\": " + files + ", \"sent\": " + sent + ", \"sentAmount\": \"" + sentAmount.toPlainString()
                    + "\", \"paid\": " + paid + ", \"paidAmount\": \"" + paidAmount.toPlainString() + "\", \"failed\": "
                    + failed + ", \"failedAmount\": \"" + failedAmount.toPlainString() + "\", \"cancelled\": " + cancelled
                    + ", \"cancelledAmount\": \"" + cancelledAmount.toPlainString() + "\", \"pending\": " + pending
                    + ", \"pendingAmount\": \"" + pendingAmount.toPlainString() + "\"}";
        }
    }

    public PayrollSummary {
        refusedByCode = Map.copyOf(new TreeMap<>(refusedByCode));
        perBank = Map.copyOf(new TreeMap<>(perBank));
    }

    /** summary.json: amounts as strings with two decimals, so no reader turns them into floating point. */
    public String toJson() {
        return "{\n  \"runId\": " + q(runId) + ",\n  \"file\": " + q(file) + ",\n  \"sha256\": " + q(sha256)
                + ",\n  \"agency\": " + q(agency) + ",\n  \"month\": " + q(month) + ",\n  \"retryOf\": "
                + (retryOf == null ? "null" : q(retryOf)) + ",\n  \"status\": " + q(status.name())
                + ",\n  \"rowsRead\": " + rowsRead + ",\n  \"refused\": " + refused + ",\n  \"refusedByCode\": {"
                + new TreeMap<>(refusedByCode).entrySet().stream().map(e -> q(e.getKey()) + ": " + e.getValue())
                .collect(Collectors.joining(", ")) + "},\n  \"all\": " + all.json() + ",\n  \"perBank\": {"
                + new TreeMap<>(perBank).entrySet().stream().map(e -> "\n    " + q(e.getKey()) + ": " + e.getValue().json())
                .collect(Collectors.joining(",")) + "\n  }\n}\n";
    }

    /** The printed summary, a few lines. */
    public String toText() {
        StringBuilder b = new StringBuilder();
        b.append(String.format("payroll run %s (%s, agency %s, %s): %s%n", runId, file, agency, month, status));
        b.append(String.format("  rows read %d, refused %d%s%n", rowsRead, refused, refusedByCode.isEmpty() ? ""
                : " " + new TreeMap<>(refusedByCode)));
        b.append(line("all", all));
        new TreeMap<>(perBank).forEach((bank, f) -> b.append(line(bank, f)));
        return b.toString();
    }

    private static String line(String who, Figures f) {
        return String.format("  %-12s files %3d  sent %7d %16s  paid %7d %16s  failed %6d %14s%s%n", who, f.files(),
                f.sent(), f.sentAmount().toPlainString(), f.paid(), f.paidAmount().toPlainString(), f.failed(),
                f.failedAmount().toPlainString(), (f.cancelled() > 0 ? "  cancelled " + f.cancelled() + " "
                        + f.cancelledAmount().toPlainString() : "") + (f.pending() > 0 ? "  pending " + f.pending() + " "
                        + f.pendingAmount().toPlainString() : ""));
    }

    private static String q(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
