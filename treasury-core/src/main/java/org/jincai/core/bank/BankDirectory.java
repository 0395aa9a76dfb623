package org.jincai.core.bank;

import java.util.List;
import java.util.Optional;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.BankProfileValidator;

/**
 * The agent banks the hub knows, checked once at start — every profile valid, every SFTP server's host
 * key known — so that a mistake stops the start naming the bank and field: a voucher is routed to the
 * bank whose profile lists its PayBankCode (代理银行行号).
 */
public class BankDirectory {

    private final List<BankProfile> profiles;

    public BankDirectory(List<BankProfile> profiles) {
        new BankProfileValidator().requireUsableByHub(profiles);
        this.profiles = List.copyOf(profiles);
    }

    public List<BankProfile> all() {
        return profiles;
    }

    public Optional<BankProfile> forPayBankCode(String payBankCode) {
        return profiles.stream().filter(p -> p.serves(payBankCode)).findFirst();
    }

    public BankProfile require(String bankCode) {
        return profiles.stream().filter(p -> p.code().equals(bankCode)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no bank profile '" + bankCode + "'"));
    }
}
