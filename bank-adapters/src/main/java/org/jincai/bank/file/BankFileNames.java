package org.jincai.bank.file;

import static org.jincai.bank.file.BankFileErrors.FILE_PART_OUT_OF_RANGE;
import static org.jincai.bank.file.BankFileErrors.UNKNOWN_NAME_TOKEN;
import static org.jincai.bank.file.BankFileErrors.UNSAFE_FILE_NAME;
import static org.jincai.bank.file.BankFileErrors.UNSUPPORTED_FORMAT;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.bank.profile.BankFormat;
import org.jincai.bank.profile.BankProfile;

/**
 * Names of payment files, made from the bank profile's pattern so the same batch part always gets the
 * same name (a retried upload overwrites, never duplicates). Tokens: {@code {bank}} bank code,
 * {@code {date}} yyyyMMdd, {@code {batch}} batch id, {@code {part}} part number zero-padded to 3,
 * {@code {parts}} number of parts zero-padded to 3. The extension comes from the format.
 *
 * <p>Stateless: call the static methods, or hold an instance where a bean is handier.
 */
public class BankFileNames {

    /** Longest name accepted: well below every file system's and SFTP server's segment limit. */
    public static final int MAX_NAME_LENGTH = 200;

    /** Most parts one batch can be split into: {@code {part}} is three digits. */
    public static final int MAX_PARTS = 999;

    private static final Pattern TOKEN = Pattern.compile("\\{([^{}]*)}");
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("uuuuMMdd");

    /**
     * The name of part {@code part} (1-based) of {@code parts} of batch {@code batchId} for bank {@code p}
     * on {@code date}, with the extension of the bank's outbound format.
     *
     * @throws BankFileException UNSAFE_FILE_NAME when the result is not one safe path segment,
     *         UNKNOWN_NAME_TOKEN, FILE_PART_OUT_OF_RANGE, UNSUPPORTED_FORMAT
     */
    public static String name(BankProfile p, String batchId, LocalDate date, int part, int parts) {
        Objects.requireNonNull(p, "profile");
        Objects.requireNonNull(date, "date");
        String location = "bank " + p.code() + " / batch " + batchId;
        if (parts < 1 || parts > MAX_PARTS || part < 1 || part > parts) {
            throw new BankFileException(FILE_PART_OUT_OF_RANGE,
                    "part " + part + " of " + parts + " is outside 1.." + MAX_PARTS, location);
        }
        if (batchId == null || batchId.isBlank()) {
            throw new BankFileException(UNSAFE_FILE_NAME, "batch id is empty", location);
        }
        String pattern = p.fileNamePattern();
        if (pattern == null || pattern.isBlank()) {
            throw new BankFileException(UNSAFE_FILE_NAME, "bank has no file-name pattern", location);
        }
        Matcher m = TOKEN.matcher(pattern);
        StringBuilder name = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "bank" -> p.code();
                case "date" -> DATE.format(date);
                case "batch" -> batchId;
                case "part" -> String.format("%03d", part);
                case "parts" -> String.format("%03d", parts);
                default -> throw new BankFileException(UNKNOWN_NAME_TOKEN,
                        "unknown token " + m.group() + " in pattern '" + pattern + "'", location);
            };
            m.appendReplacement(name, Matcher.quoteReplacement(value));
        }
        m.appendTail(name);
        String extension = extension(p.outboundFormat());
        if (!name.toString().endsWith(extension)) {
            name.append(extension);
        }
        return requireSafeName(name.toString());
    }

    /** The extension of a payment file in {@code format}, with its dot. */
    public static String extension(BankFormat format) {
        if (format == null) {
            throw new BankFileException(UNSUPPORTED_FORMAT, "no outbound format", "");
        }
        return switch (format) {
            case PAIN_001_001_09, PAIN_002_001_10, CAMT_053_001_08 -> ".xml";
            case PIPE_GBK, PIPE_GBK_RETURN, FIXED_GBK, FIXED_GBK_RETURN -> ".txt";
        };
    }

    /**
     * Returns {@code name} when it is one safe path segment: not empty, at most {@value #MAX_NAME_LENGTH}
     * characters, no {@code /}, {@code \}, {@code :}, no {@code ..}, no control characters, no leading
     * or trailing blank. Use it on every name that comes from outside (a bank's outbox listing, an
     * answer's file name) before it becomes a path.
     *
     * @throws BankFileException UNSAFE_FILE_NAME
     */
    public static String requireSafeName(String name) {
        String reason = unsafeReason(name);
        if (reason != null) {
            throw new BankFileException(UNSAFE_FILE_NAME, "file name " + printable(name) + " " + reason, printable(name));
        }
        return name;
    }

    /** True when {@link #requireSafeName(String)} would accept {@code name}. */
    public static boolean isSafeName(String name) {
        return unsafeReason(name) == null;
    }

    private static String unsafeReason(String name) {
        if (name == null || name.isEmpty()) {
            return "is empty";
        }
        if (name.length() > MAX_NAME_LENGTH) {
            return "is longer than " + MAX_NAME_LENGTH + " characters";
        }
        if (name.contains("..")) {
            return "contains '..'";
        }
        if (name.equals(".")) {
            return "is '.'";
        }
        if (name.indexOf('/') >= 0 || name.indexOf('\\') >= 0 || name.indexOf(':') >= 0) {
            return "contains a path separator";
        }
        if (name.chars().anyMatch(c -> Character.isISOControl(c) || c == 0x2028 || c == 0x2029)) {
            return "contains a control character";
        }
        if (!name.strip().equals(name)) {
            return "starts or ends with a blank";
        }
        return null;
    }

    /** The name with control characters shown as escapes, safe to put in a log line or message. */
    private static String printable(String name) {
        if (name == null) {
            return "<null>";
        }
        StringBuilder sb = new StringBuilder("'");
        name.codePoints().limit(MAX_NAME_LENGTH + 20L).forEach(c -> {
            if (Character.isISOControl(c)) {
                sb.append(String.format("\\u%04x", c));
            } else {
                sb.appendCodePoint(c);
            }
        });
        return sb.append('\'').toString();
    }
}
