/**
 * The Spring Batch job {@code monthly-report}: budget execution, banks and risk alerts of a month and its year to
 * date, as CSV files, an XLSX workbook and a PDF with charts under {@code <home>/reports/yyyy-MM/}.
 */
package org.jincai.batch.report;
