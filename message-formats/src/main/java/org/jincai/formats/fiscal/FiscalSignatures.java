package org.jincai.formats.fiscal;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.sign.SignatureCheck;
import org.jincai.formats.fiscal.sign.VoucherSigner;
import org.jincai.formats.fiscal.sign.VoucherVerifier;

/**
 * Signs envelope bodies and verifies their signatures over what the finance systems sign: the base64 text
 * of {@code <Voucher>} (its ASCII bytes), not the decoded GBK voucher. A real 2024 signature verifies with
 * {@code openssl cms -verify} over that text and not over the decoded bytes (reference §3.1, §11.3); no public
 * source shows the decoded-bytes form, so the hub neither signs nor verifies it. A text the sender wrapped
 * in lines is verified as received, then without its line breaks; every form decodes to the same voucher.
 * A signature is appended to the body's {@code SignatureList} as
 * {@code <Signature No="position" SN="serial">base64</Signature>}; signatures already there are kept untouched.
 */
public final class FiscalSignatures {

    private FiscalSignatures() {
    }

    /** The bytes a signature covers: the ASCII of the base64 text. */
    public static byte[] signedContent(String voucherText) {
        return voucherText.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Verifies over the text as received, then (when it differs) stripped of surrounding blanks, then without
     * any line break: the first form that verifies wins; else the answer over the text as received.
     */
    private static SignatureCheck verifyText(String text, byte[] der, VoucherVerifier verifier) {
        SignatureCheck first = verifier.verify(signedContent(text), der);
        if (first.isValid()) {
            return first;
        }
        for (String form : List.of(text.strip(), text.replaceAll("[ \\t\\r\\n]", ""))) {
            if (!form.equals(text)) {
                SignatureCheck other = verifier.verify(signedContent(form), der);
                if (other.isValid()) {
                    return other;
                }
            }
        }
        return first;
    }

    /**
     * The body with one more signature by {@code signer} at template position {@code position} (e.g.
     * {@code cz_dwfz}).
     *
     * @throws org.jincai.formats.fiscal.sign.SigningException when the signer fails
     */
    public static VoucherBody sign(VoucherBody body, String position, VoucherSigner signer) {
        byte[] signature = signer.sign(signedContent(body.voucherText()));
        return body.withSignature(new VoucherSignature(position, signer.certificateSerial(), Base64.getEncoder().encodeToString(signature)));
    }

    /**
     * Verifies every signature of the body.
     *
     * @return SIGNATURE_MISSING when there is none; per bad signature SIGNATURE_MALFORMED, SIGNATURE_INVALID,
     *     CERTIFICATE_UNKNOWN or SIGNATURE_ALGORITHM_REFUSED located at {@code envelope body N / Signature <No>};
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
            SignatureCheck check = verifyText(body.voucherText(), der, verifier);
            if (!check.isValid()) {
                out.add(Problem.of(check.code(), check.message(), at));
            } else if (check.sha1()) {
                out.add(Problem.of(FiscalCodes.SIGNATURE_SHA1, "the signature of " + check.signerSubject()
                        + " uses SHA-1, allowed for this finance system", at));
            }
        }
        return out;
    }
}
