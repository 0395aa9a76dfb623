package org.jincai.core.finance;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jincai.formats.fiscal.FiscalHabit;
import org.jincai.formats.fiscal.FiscalReadOptions;
import org.jincai.formats.fiscal.sign.SignaturePolicy;
import org.jincai.formats.fiscal.sign.TrustedCertificates;
import org.jincai.formats.fiscal.sign.VoucherSigner;

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
 * @param signature the system's signature policy: {@code NONE}, {@code PKCS7} or {@code SM2_SM3} (国密). Given, a
 *     voucher must carry a signature of that kind by a trusted certificate (SIGNATURE_MISSING, SIGNATURE_INVALID,
 *     CERTIFICATE_UNKNOWN), and the receipts and returns the hub sends back are
 *     signed with {@code hubKey} and {@code hubCertificate}; absent, PKCS#7 is verified as {@code trustedCertificates}
 *     and {@code signatureRequired} say, and nothing is signed
 * @param hubKey the hub's private key (PEM) that signs what goes back to this system under {@code signature}
 * @param hubCertificate the hub's certificate (PEM or DER) for {@code hubKey}
 */
public record VoucherReading(FiscalReadOptions.Mode mode, List<FiscalHabit> habits, boolean sha1Allowed,
                             UnlistedVtCodes unlistedVtCodes, Path trustedCertificates, String truststorePassword,
                             boolean signatureRequired, SignaturePolicy signature, Path hubKey, Path hubCertificate) {

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
        return new VoucherReading(null, null, false, null, null, null, false, null, null, null);
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
        SignaturePolicy policy = signature != null ? signature
                : trustedCertificates != null ? SignaturePolicy.PKCS7 : SignaturePolicy.NONE;
        if (policy == SignaturePolicy.NONE) {
            if (signatureRequired && signature == null) {
                throw new IllegalArgumentException("signature-required needs trusted-certificates");
            }
            return options;
        }
        if (trustedCertificates == null) {
            throw new IllegalArgumentException("signature " + policy + " needs trusted-certificates");
        }
        return options.withSignatureVerifier(policy.verifier(TrustedCertificates.load(trustedCertificates,
                        truststorePassword == null ? null : truststorePassword.toCharArray()), sha1Allowed))
                .withSignatureRequired(signature != null || signatureRequired);
    }

    /**
     * The hub's signer for what it sends back under the {@code signature} policy, loaded now; empty without a policy
     * or under NONE.
     *
     * @throws IllegalArgumentException when the policy signs but the key or certificate is missing or unreadable
     */
    public Optional<VoucherSigner> hubSigner() {
        if (signature == null || signature == SignaturePolicy.NONE) {
            return Optional.empty();
        }
        if (hubKey == null || hubCertificate == null) {
            throw new IllegalArgumentException("signature " + signature + " signs the receipts the hub sends back:"
                    + " hub-key and hub-certificate are required");
        }
        return Optional.of(signature.signer(hubKey, hubCertificate));
    }
}
