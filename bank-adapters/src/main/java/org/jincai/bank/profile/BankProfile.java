package org.jincai.bank.profile;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.List;

/**
 * One agent bank as data: who it is, which agent bank numbers (12-digit CNAPS numbers in a voucher's
 * PayBankCode) it serves, what it expects (format, character set, per-file limits, file naming) and
 * where it is reached. Loaded from configuration and checked by {@link BankProfileValidator}.
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
        SftpEndpoint sftp) {

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

    public BankProfile withSftp(SftpEndpoint endpoint) {
        return new BankProfile(code, name, agentBankNumbers, outboundFormat, answerFormat, charset,
                maxTransactionsPerFile, maxAmountPerFile, batchBooking, fileNamePattern, endpoint);
    }
}
