package org.jincai.core.finance;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jincai.formats.fiscal.FiscalHabit;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.sign.Pkcs7VoucherVerifier;
import org.jincai.formats.fiscal.sign.TrustedCertificates;

/**
 * How the vouchers of one finance system are read ({@code jincai.finance-systems[*].reading}): its profile of
 * what it really sends. Everything has a default, so a finance system without a {@code reading} block is read
 * leniently with every known habit, refusing unlisted voucher types, and without signature checks.
 *
 * @param mode {@code LENIENT} (default): the allowed habits and unlisted fields are read with warnings;
 *     {@code STRICT}: refused
 * @param habits the older habits this system may use (HEADER_ID_ABSENT, DATE_WITH_TIME,
 *     PAY_TYPE_CODE_THREE_DIGITS); absent: all of them
 * @param sha1Allowed its signatures may use SHA-1 (a SIGNATURE_SHA1 warning); else refused
 *     (SIGNATURE_ALGORITHM_REFUSED)
 * @param unlistedVtCodes {@code REFUSE} (default) or {@code ACCEPT}: a payment-shaped voucher of a VtCode
 *     outside the registry is refused, or read as a payment, with VT_CODE_UNLISTED
 * @param trustedCertificates a PEM / DER certificate file or a PKCS#12 / JKS truststore: when set, every
 *     signature a voucher carries is verified and its signer must be one of these or issued by one
 * @param truststorePassword the truststore's password, if it has one
 * @param signatureRequired with trusted certificates, a voucher without a signature is refused
 *     (SIGNATURE_MISSING)
 */
public record VoucherReading(FiscalReadOptions.Mode mode, List<FiscalHabit> habits, boolean sha1Allowed,
                             UnlistedVtCodes unlistedVtCodes, Path trustedCertificates, String truststorePassword,
                             boolean signatureRequired) {

    /** What to do with a payment-shaped voucher whose VtCode the registry does not list. */
    public enum UnlistedVtCodes {
        ACCEPT,
        REFUSE
    }

    public VoucherReading {
        mode = mode == null ? FiscalReadOptions.Mode.LENIENT : mode;
        habits = habits == null ? List.of(FiscalHabit.values()) : List.copyOf(habits);
        unlistedVtCodes = unlistedVtCodes == null ? UnlistedVtCodes.REFUSE : unlistedVtCodes;
    }

    /** Lenient, every habit, unlisted types refused, no signature check. */
    public static VoucherReading defaults() {
        return new VoucherReading(null, null, false, null, null, null, false);
    }

    /**
     * The reader options of this profile; the trusted certificates are loaded now.
     *
     * @throws IllegalArgumentException when the certificates cannot be read, or a signature is required
     *     without certificates to check it with
     */
    public FiscalReadOptions toOptions() {
        Set<FiscalHabit> allowed = habits.isEmpty() ? EnumSet.noneOf(FiscalHabit.class) : EnumSet.copyOf(habits);
        FiscalReadOptions options = FiscalReadOptions.defaults()
                .withMode(mode)
                .withHabits(allowed)
                .withUnlistedPaymentVtCodes(unlistedVtCodes == UnlistedVtCodes.ACCEPT);
        if (trustedCertificates == null) {
            if (signatureRequired) {
                throw new IllegalArgumentException("signature-required needs trusted-certificates");
            }
            return options;
        }
        Pkcs7VoucherVerifier verifier = Pkcs7VoucherVerifier.trusting(TrustedCertificates.load(trustedCertificates,
                truststorePassword == null ? null : truststorePassword.toCharArray()));
        return options.withSignatureVerifier(sha1Allowed ? verifier : verifier.refusingSha1())
                .withSignatureRequired(signatureRequired);
    }
}
