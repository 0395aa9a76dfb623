package org.jincai.batch.report;

/** A column of a report table: its header (Chinese, then English) and what kind of value it holds. */
public record ReportColumn(String header, Kind kind) {

    /**
     * TEXT a code or name; COUNT a whole number ({@link Long}); MONEY yuan to the fen, RATE a percentage to two
     * decimals, MINUTES a duration in minutes to two decimals, DECIMAL a measure's value as given (each a
     * {@link java.math.BigDecimal}). A cell may be
     * empty (null): not applicable, e.g. a plan for a functional classification, which plans do not carry.
     */
    public enum Kind { TEXT, COUNT, MONEY, RATE, MINUTES, DECIMAL }

    public static ReportColumn text(String header) {
        return new ReportColumn(header, Kind.TEXT);
    }

    public static ReportColumn count(String header) {
        return new ReportColumn(header, Kind.COUNT);
    }

    public static ReportColumn money(String header) {
        return new ReportColumn(header, Kind.MONEY);
    }

    public static ReportColumn rate(String header) {
        return new ReportColumn(header, Kind.RATE);
    }

    public static ReportColumn decimal(String header) {
        return new ReportColumn(header, Kind.DECIMAL);
    }

    public static ReportColumn minutes(String header) {
        return new ReportColumn(header, Kind.MINUTES);
    }

    public boolean numeric() {
        return kind != Kind.TEXT;
    }
}
