package org.jincai.batch.report;

import java.math.BigDecimal;

/**
 * The thresholds of the report's unusual-pattern rules, from configuration ({@code jincai.report.analysis.*}):
 * {@value MonthlyAnalysis#REPEATED_LARGE_PAYMENTS} flags a division that paid one payee {@code repeatCount} or more
 * payments of at least {@code largePayment} in the month; {@value MonthlyAnalysis#SPENDING_SURGE} an agency that paid
 * at least {@code surgeMinimum} in the month and more than {@code surgeFactor} times its monthly average of the three
 * months before (an agency that paid nothing in those months has no baseline and is not flagged).
 */
public record AnalysisOptions(BigDecimal largePayment, int repeatCount, BigDecimal surgeFactor, BigDecimal surgeMinimum) {

    public static AnalysisOptions defaults() {
        return new AnalysisOptions(new BigDecimal("1000000.00"), 3, new BigDecimal("2"), new BigDecimal("100000.00"));
    }
}
