package org.jincai.batch.payroll;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code jincai.payroll} (docs/payroll.md): the administrative division whose budget pays salaries, the account each
 * agent bank debits for them (统发工资 is paid from one payroll account per bank), the accounts never to be paid, how
 * long a run waits for the banks' answers before it stops (to be resumed), the size of a chunk (rows per commit),
 * the economic classification (GovExpEcoCode) of an 8207 voucher's lines, which the standard's 8207 does not carry
 * (default 50101, 工资奖金津补贴: salaries), and how many consecutive files of one bank one partition of step
 * {@code render} stages (default 10: at 1,000 credits a file, a 100,000-line run is 100 files in 10 partitions).
 */
@ConfigurationProperties("jincai.payroll")
public record PayrollProperties(String admDivCode, List<Payer> payers, List<String> blockedAccounts,
                                Duration answerWait, Duration answerPoll, Integer chunkSize, String voucherEcoCode,
                                Integer filesPerPartition) {

    /** The payroll account at one bank: what its files debit. */
    public record Payer(String bank, String account, String name) {
    }

    public PayrollProperties {
        payers = payers == null ? List.of() : List.copyOf(payers);
        blockedAccounts = blockedAccounts == null ? List.of() : List.copyOf(blockedAccounts);
        answerWait = answerWait == null ? Duration.ofMinutes(10) : answerWait;
        answerPoll = answerPoll == null ? Duration.ofSeconds(1) : answerPoll;
        chunkSize = chunkSize == null || chunkSize < 1 ? 1000 : chunkSize;
        voucherEcoCode = voucherEcoCode == null || voucherEcoCode.isBlank() ? "50101" : voucherEcoCode;
        filesPerPartition = filesPerPartition == null || filesPerPartition < 1 ? 10 : filesPerPartition;
    }

    public Optional<Payer> payer(String bankCode) {
        return payers.stream().filter(p -> p.bank().equals(bankCode)).findFirst();
    }

    /** With another wait for answers (a test, the benchmark: none). */
    public PayrollProperties withAnswerWait(Duration wait) {
        return new PayrollProperties(admDivCode, payers, blockedAccounts, wait, answerPoll, chunkSize, voucherEcoCode,
                filesPerPartition);
    }
}
