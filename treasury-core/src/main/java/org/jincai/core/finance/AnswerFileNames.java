package org.jincai.core.finance;

import java.nio.charset.StandardCharsets;
import org.jincai.bank.file.BankFileNames;
import org.jincai.core.Digests;

/**
 * The names of the files the hub writes into a finance system's outbox, built from a voucher's key
 * (AdmDivCode_StYear_VtCode_VoucherNo) whatever that key holds: a part made only of letters, digits and '-'
 * (and not longer than its column) is kept as it is; a key with any other part — a '/', a quote, '..', a
 * Chinese character, a part too long — keeps only its safe characters and gets '.' and twelve hex digits of
 * the SHA-256 of the key as received. The '.' never occurs in a kept key, so two different keys never share a
 * stem, and every name is a single safe path segment.
 */
public final class AnswerFileNames {

    private static final int[] MAX = {9, 4, 4, 40};
    private static final String KEPT = "[A-Za-z0-9-]+";

    private AnswerFileNames() {
    }

    /** The receipt (回单) of a stored voucher: {@code <stem>_receipt.xml}. */
    public static String receipt(String admDivCode, String stYear, String vtCode, String voucherNo) {
        return name(stem(admDivCode, stYear, vtCode, voucherNo) + "_receipt.xml");
    }

    /** The return (退回) of a stored voucher none of whose payments the banks made: {@code <stem>_return.xml}. */
    public static String settledReturn(String admDivCode, String stYear, String vtCode, String voucherNo) {
        return name(stem(admDivCode, stYear, vtCode, voucherNo) + "_return.xml");
    }

    /**
     * The return (退回) of a paid payment the bank gave back, found by reconciliation, one per payment:
     * {@code <stem>_returned_<payment id>.xml}.
     */
    public static String paymentReturn(String admDivCode, String stYear, String vtCode, String voucherNo,
                                       String paymentId) {
        return name(stem(admDivCode, stYear, vtCode, voucherNo) + "_returned_" + paymentId.replaceAll("[^A-Za-z0-9-]", "")
                + ".xml");
    }

    /** The return (退回) of a voucher refused at intake, one per notice key: {@code <stem>_return_<hex12>.xml}. */
    public static String intakeReturn(String admDivCode, String stYear, String vtCode, String voucherNo,
                                      String noticeKey) {
        return name(stem(admDivCode, stYear, vtCode, voucherNo) + "_return_" + noticeKey.substring(0, 12) + ".xml");
    }

    /** The duplicate notice of a voucher whose key was already taken: {@code <stem>_duplicate_<hex12>.xml}. */
    public static String duplicateNotice(String admDivCode, String stYear, String vtCode, String voucherNo,
                                         String noticeKey) {
        return name(stem(admDivCode, stYear, vtCode, voucherNo) + "_duplicate_" + noticeKey.substring(0, 12) + ".xml");
    }

    static String stem(String admDivCode, String stYear, String vtCode, String voucherNo) {
        String[] parts = {admDivCode, stYear, vtCode, voucherNo};
        boolean kept = true;
        StringBuilder stem = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i] == null ? "" : parts[i];
            kept &= p.matches(KEPT) && p.length() <= MAX[i];
            String safe = p.replaceAll("[^A-Za-z0-9-]", "");
            stem.append(i == 0 ? "" : "_").append(safe, 0, Math.min(safe.length(), MAX[i]));
        }
        if (!kept) {
            String key = String.join("\u0000", nullToEmpty(admDivCode), nullToEmpty(stYear), nullToEmpty(vtCode),
                    nullToEmpty(voucherNo));
            stem.append('.').append(Digests.sha256(key.getBytes(StandardCharsets.UTF_8)), 0, 12);
        }
        return stem.toString();
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private static String name(String name) {
        return BankFileNames.requireSafeName(name);
    }
}
