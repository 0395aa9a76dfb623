package org.jincai.formats.fiscal;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.SignatureCheck;
import org.jincai.formats.fiscal.sign.VoucherSigner;
import org.jincai.formats.fiscal.sign.VoucherVerifier;

/**
 * Signs envelope bodies and verifies their signatures, always over the exact inner voucher bytes the body
 * carries (the base64-decoded {@code <Voucher>}), never over a re-serialisation. A signature is appended to
 * the body's {@code SignatureList} as {@code <Signature No="position" SN="serial">base64</Signature>};
 * signatures already there are kept untouched.
 */
public final class FiscalSignatures {

    private FiscalSignatures() {
    }

    /**
     * The body with one more signature by {@code signer} at template position {@code position} (e.g.
     * {@code cz_dwfz}).
     *
     * @throws org.jincai.formats.fiscal.sign.SigningException when the signer fails
     */
    public static VoucherBody sign(VoucherBody body, String position, VoucherSigner signer) {
        byte[] signature = signer.sign(body.voucherXmlUnshared());
        return body.withSignature(new VoucherSignature(position, signer.certificateSerial(), Base64.getEncoder().encodeToString(signature)));
    }

    /**
     * Verifies every signature of the body.
     *
     * @return SIGNATURE_MISSING when there is none; per bad signature SIGNATURE_MALFORMED, SIGNATURE_INVALID,
     *     SIGNER_NOT_TRUSTED or SIGNATURE_ALGORITHM_REFUSED located at {@code envelope body N / Signature <No>};
     *     empty when all verify
     */
    public static List<Problem> verify(VoucherBody body, VoucherVerifier verifier) {
        return verify(body, verifier, true);
    }

    /** As {@link #verify(VoucherBody, VoucherVerifier)}; a body without signatures passes unless {@code required}. */
    public static List<Problem> verify(VoucherBody body, VoucherVerifier verifier, boolean required) {
        List<Problem> out = new ArrayList<>();
        if (body.signatures().isEmpty() && !required) {
            return out;
        }
        if (body.signatures().isEmpty()) {
            out.add(Problem.of(FiscalCodes.SIGNATURE_MISSING, "the body carries no signature", body.location() + " / SignatureList"));
            return out;
        }
        int n = 0;
        for (VoucherSignature s : body.signatures()) {
            n++;
            String at = body.location() + " / Signature " + (s.no() == null || s.no().isBlank() ? "#" + n : s.no());
            byte[] der;
            try {
                der = Base64.getDecoder().decode(s.value() == null ? "" : s.value().replaceAll("[ \\t\\r\\n]", ""));
            } catch (IllegalArgumentException e) {
                out.add(Problem.of(FiscalCodes.SIGNATURE_MALFORMED, "the signature is not base64", at));
                continue;
            }
            if (der.length == 0) {
                out.add(Problem.of(FiscalCodes.SIGNATURE_MALFORMED, "the signature is empty", at));
                continue;
            }
            SignatureCheck check = verifier.verify(body.voucherXmlUnshared(), der);
            if (!check.isValid()) {
                out.add(Problem.of(check.code(), check.message(), at));
            }
        }
        return out;
    }
}
