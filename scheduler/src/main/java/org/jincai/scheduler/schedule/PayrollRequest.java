package org.jincai.scheduler.schedule;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;

/**
 * An operator's payroll disbursement: the payroll file, the paying agency, the month it pays, when it should run
 * (Beijing time) and, optionally, the bank whose cut-off applies.
 */
public record PayrollRequest(Path file, String agency, YearMonth month, LocalDateTime at, String bank) {
}
