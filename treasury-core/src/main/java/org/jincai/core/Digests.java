package org.jincai.core;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content digests that make files and vouchers idempotent: the same bytes always give the same key. */
public final class Digests {

    private Digests() {
    }

    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }

    /** Cuts {@code s} to at most {@code max} characters so it fits its column; null stays null. */
    public static String fit(String s, int max) {
        return s == null || s.length() <= max ? s : s.substring(0, max);
    }
}
