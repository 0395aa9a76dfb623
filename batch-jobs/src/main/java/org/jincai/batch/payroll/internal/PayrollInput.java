package org.jincai.batch.payroll.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import org.jincai.batch.payroll.PayrollCodes;
import org.jincai.batch.payroll.PayrollException;

/**
 * What a payroll file is before any line is taken, found in one streaming pass over its bytes: its SHA-256 (the
 * run's idempotency key with the agency and month), its character set — UTF-8 when every byte decodes as UTF-8,
 * otherwise GBK, unless the operator named one — and its kind: an 8207 voucher (XML, a MOF envelope) or the CSV.
 */
public record PayrollInput(Path path, String sha256, Charset charset, Kind kind) {

    /** The payroll CSV of docs/payroll.md, or an 8207 batch payment detail voucher. */
    public enum Kind { CSV, V8207 }

    public static final Set<String> CHARSETS = Set.of("UTF-8", "GBK", "GB18030");
    private static final Charset GBK = Charset.forName("GBK");

    /** Reads {@code path} once; {@code charset} null to detect it. */
    public static PayrollInput inspect(Path path, String charset) {
        Charset forced = null;
        if (charset != null && !charset.isBlank()) {
            String name = charset.trim().toUpperCase(Locale.ROOT);
            if (!CHARSETS.contains(name)) {
                throw new PayrollException(PayrollCodes.PAYROLL_ARGUMENT_INVALID, "--charset must be one of "
                        + CHARSETS + ", not " + charset, "--charset");
            }
            forced = Charset.forName(name);
        }
        if (!Files.isRegularFile(path)) {
            throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "no such file", path.toString());
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
        int[] first = {-1};
        boolean isUtf8;
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha)) {
            isUtf8 = decodes(in, StandardCharsets.UTF_8, first);
        } catch (IOException e) {
            throw unreadable(path, e);
        }
        if (first[0] == -2) {
            throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "the file is empty", path.toString());
        }
        Kind kind = first[0] == '<' ? Kind.V8207 : Kind.CSV;
        Charset detected = forced != null ? forced : isUtf8 ? StandardCharsets.UTF_8 : GBK;
        if (forced == null && !isUtf8 && kind == Kind.CSV) {
            try (InputStream in = Files.newInputStream(path)) {
                if (!decodes(in, GBK, new int[] {-1})) {
                    throw new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "the file is neither UTF-8 nor GBK:"
                            + " give its character set with --charset", path.toString());
                }
            } catch (IOException e) {
                throw unreadable(path, e);
            }
        }
        return new PayrollInput(path, HexFormat.of().formatHex(sha.digest()), detected, kind);
    }

    private static PayrollException unreadable(Path path, IOException e) {
        return new PayrollException(PayrollCodes.PAYROLL_FILE_INVALID, "cannot read: " + e.getMessage(), path.toString());
    }

    /**
     * Reads the stream to its end (so a digest on it sees every byte) and tells whether it decodes strictly in
     * {@code charset}; {@code first[0]} gets the first byte that is neither white space nor a byte-order mark, or
     * -2 when the stream is empty.
     */
    private static boolean decodes(InputStream in, Charset charset, int[] first) throws IOException {
        CharsetDecoder decoder = charset.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        byte[] buffer = new byte[1 << 16];
        ByteBuffer pending = ByteBuffer.allocate(buffer.length + 16);
        CharBuffer chars = CharBuffer.allocate(buffer.length + 16);
        boolean ok = true;
        long size = 0;
        int n;
        while ((n = in.read(buffer)) > 0) {
            for (int i = 0; i < n && first[0] < 0; i++) {
                int b = buffer[i] & 0xFF;
                if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
                    first[0] = b;
                }
            }
            size += n;
            if (ok) {
                pending.put(buffer, 0, n).flip();
                ok = !decoder.decode(pending, chars.clear(), false).isError();
                pending.compact();
            }
        }
        if (size == 0) {
            first[0] = -2;
        }
        if (ok) {
            pending.flip();
            ok = !decoder.decode(pending, chars.clear(), true).isError() && !decoder.flush(chars.clear()).isError();
        }
        return ok;
    }
}
