package org.jincai.bank.profile;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;

/**
 * One agent bank as data: who it is, which agent bank numbers (12-digit CNAPS numbers in a voucher's
 * PayBankCode) it serves, what it expects (format, character set, per-file limits, file naming) and
 * where it is reached. Loaded from configuration and checked by {@link BankProfileValidator}.
 *
 * <ul>
 *   <li>{@code transliteration}: what the writers do with a name the charset cannot encode;</li>
 *   <li>{@code cutOffTime}: the bank's daily cut-off, a wall-clock time in {@link #ZONE}; a file
 *       delivered after it is executed on the next business day;</li>
 *   <li>{@code statementFormat}: what the bank sends to report bookings ({@link BankFormat#CAMT_053_001_08}),
 *       or null when it sends no statements;</li>
 *   <li>{@code answerSettles}: true when the bank's status answer already reports execution (a 代发
 *       return file: S means paid), false when it only reports acceptance (pain.002 ACCP) and the
 *       statement's booking is what says paid;</li>
 *   <li>{@code intradayNotifications}: true when the bank reports each booking as it makes it with a camt.054
 *       notification (BkToCstmrDbtCdtNtfctn) and books the day in its end-of-day camt.053; false when it reports
 *       bookings with camt.053 statements only. Needs a statement format.</li>
 * </ul>
 */
public record BankProfile(
        String code,
        String name,
        List<String> agentBankNumbers,
        BankFormat outboundFormat,
        BankFormat answerFormat,
        Charset charset,
        int maxTransactionsPerFile,
        BigDecimal maxAmountPerFile,
        boolean batchBooking,
        String fileNamePattern,
        SftpEndpoint sftp,
        TransliterationPolicy transliteration,
        LocalTime cutOffTime,
        BankFormat statementFormat,
        boolean answerSettles,
        boolean intradayNotifications) {

    /** The zone of every cut-off time and business date: banks in the hub's province work on Beijing time. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    public BankProfile {
        agentBankNumbers = List.copyOf(agentBankNumbers);
    }

    public boolean serves(String payBankCode) {
        return agentBankNumbers.contains(payBankCode);
    }

    /** The bank's own number, used as the debtor agent on files sent to it. */
    public String primaryBankNumber() {
        return agentBankNumbers.get(0);
    }

    /** True when the bank sends statements that book what it paid. */
    public boolean sendsStatements() {
        return statementFormat != null;
    }

    /** The bank's cut-off on {@code date}, in {@link #ZONE}. */
    public ZonedDateTime cutOffOn(LocalDate date) {
        return ZonedDateTime.of(date, cutOffTime, ZONE);
    }

    public BankProfile withSftp(SftpEndpoint endpoint) {
        return new BankProfile(code, name, agentBankNumbers, outboundFormat, answerFormat, charset,
                maxTransactionsPerFile, maxAmountPerFile, batchBooking, fileNamePattern, endpoint,
                transliteration, cutOffTime, statementFormat, answerSettles, intradayNotifications);
    }

    public BankProfile withBatchBooking(boolean booking) {
        return new BankProfile(code, name, agentBankNumbers, outboundFormat, answerFormat, charset,
                maxTransactionsPerFile, maxAmountPerFile, booking, fileNamePattern, sftp,
                transliteration, cutOffTime, statementFormat, answerSettles, intradayNotifications);
    }

    public BankProfile withIntradayNotifications(boolean notifications) {
        return new BankProfile(code, name, agentBankNumbers, outboundFormat, answerFormat, charset,
                maxTransactionsPerFile, maxAmountPerFile, batchBooking, fileNamePattern, sftp,
                transliteration, cutOffTime, statementFormat, answerSettles, notifications);
    }

    public BankProfile withTransliteration(TransliterationPolicy policy) {
        return new BankProfile(code, name, agentBankNumbers, outboundFormat, answerFormat, charset,
                maxTransactionsPerFile, maxAmountPerFile, batchBooking, fileNamePattern, sftp,
                policy, cutOffTime, statementFormat, answerSettles, intradayNotifications);
    }
}
