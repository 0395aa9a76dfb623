package org.jincai.bank.simulator;

import java.util.Map;
import java.util.Optional;
import org.jincai.bank.file.OutboundCredit;

/**
 * A simulated bank's reason to reject one credit. Rules are data-driven and deterministic so tests
 * and the demo know in advance which credits the bank will refuse. Combine them with
 * {@link #orElse(RejectionRule)}: the first rule that rejects gives the reason.
 */
@FunctionalInterface
public interface RejectionRule {

    /** ExternalStatusReason1Code "Account Closed". */
    String ACCOUNT_CLOSED = "AC04";
    /** ExternalStatusReason1Code "Inconsistent With End Customer": the name does not match the account. */
    String NAME_MISMATCH = "BE01";

    Optional<Rejection> check(OutboundCredit credit);

    /** The bank's reason: an ISO 20022 ExternalStatusReason1Code (e.g. AC04) and a text. */
    record Rejection(String reasonCode, String reasonText) {
    }

    /** This rule, then {@code next} for the credits this one accepts. */
    default RejectionRule orElse(RejectionRule next) {
        return credit -> {
            Optional<Rejection> first = check(credit);
            return first.isPresent() ? first : next.check(credit);
        };
    }

    /** Rejects credits to accounts whose number ends in {@code suffix}, as a closed account (AC04). */
    static RejectionRule accountEndingWith(String suffix) {
        return credit -> credit.payeeAccount() != null && credit.payeeAccount().endsWith(suffix)
                ? Optional.of(new Rejection(ACCOUNT_CLOSED, "account closed"))
                : Optional.empty();
    }

    /**
     * Rejects a credit to an account listed in {@code expectedNameByAccount} whose payee name is not the
     * account holder's name there (compared without surrounding blanks), as a bank's 户名账号核验 does:
     * BE01 "户名与账号不符". Accounts not listed are not checked.
     */
    static RejectionRule nameMismatch(Map<String, String> expectedNameByAccount) {
        Map<String, String> expected = Map.copyOf(expectedNameByAccount);
        return credit -> {
            String holder = credit.payeeAccount() == null ? null : expected.get(credit.payeeAccount());
            if (holder == null) {
                return Optional.empty();
            }
            String name = credit.payeeName() == null ? "" : credit.payeeName().strip();
            return holder.strip().equals(name) ? Optional.empty()
                    : Optional.of(new Rejection(NAME_MISMATCH, "户名与账号不符"));
        };
    }

    static RejectionRule none() {
        return credit -> Optional.empty();
    }
}
