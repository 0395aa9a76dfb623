package org.jincai.bank.profile;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jincai.formats.Problem;

/**
 * Checks bank profiles as a whole before the hub uses them. Every problem is reported (not only the
 * first), each with code {@value BankProfileException#CODE} and a location {@code bank <code> / <field>},
 * so an operator fixes the configuration in one pass. Never mutates the profiles.
 */
public class BankProfileValidator {

    /** Character sets a bank file may be written in. */
    public static final Set<Charset> ALLOWED_CHARSETS = Set.of(Charset.forName("GBK"), StandardCharsets.UTF_8);

    /** Tokens a file-name pattern must carry so that two files of the hub never share a name. */
    public static final List<String> REQUIRED_NAME_TOKENS = List.of("{batch}", "{part}");

    /** Tokens a file-name pattern may carry. */
    public static final Set<String> KNOWN_NAME_TOKENS = Set.of("{bank}", "{date}", "{batch}", "{part}", "{parts}");

    private static final Pattern BANK_CODE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,31}");
    private static final Pattern AGENT_BANK_NUMBER = Pattern.compile("\\d{12}");
    private static final Pattern TOKEN = Pattern.compile("\\{[^{}]*}");
    private static final Pattern UNSAFE_PATTERN_CHARS = Pattern.compile("[/\\\\:\\p{Cntrl}]");

    /** Which answer format goes with which outbound format: the hub must be able to read what the bank sends back. */
    private static final Map<BankFormat, BankFormat> ANSWER_OF = Map.of(
            BankFormat.PAIN_001_001_09, BankFormat.PAIN_002_001_10,
            BankFormat.PIPE_GBK, BankFormat.PIPE_GBK_RETURN,
            BankFormat.FIXED_GBK, BankFormat.FIXED_GBK_RETURN);

    /** Formats a bank may report its bookings in. */
    public static final Set<BankFormat> STATEMENT_FORMATS = Set.of(BankFormat.CAMT_053_001_08);

    public List<Problem> validate(List<BankProfile> profiles) {
        List<Problem> problems = new ArrayList<>();
        if (profiles == null || profiles.isEmpty()) {
            problems.add(problem("banks", "no bank profile is configured"));
            return problems;
        }
        Map<String, String> codeOwner = new HashMap<>();
        Map<String, String> bankNumberOwner = new HashMap<>();
        for (int i = 0; i < profiles.size(); i++) {
            BankProfile p = profiles.get(i);
            String bank = "bank " + (p == null || blank(p.code()) ? "#" + (i + 1) : p.code());
            if (p == null) {
                problems.add(problem(bank, "profile is empty"));
                continue;
            }
            checkCode(p, bank, i, codeOwner, problems);
            checkAgentBankNumbers(p, bank, bankNumberOwner, problems);
            checkFormats(p, bank, problems);
            checkLimits(p, bank, problems);
            checkFileNamePattern(p, bank, problems);
            checkSftp(p.sftp(), bank, problems);
            checkSettlement(p, bank, problems);
        }
        return List.copyOf(problems);
    }

    /** Throws {@link BankProfileException} listing every problem when any profile is unusable. */
    public void requireValid(List<BankProfile> profiles) {
        List<Problem> problems = validate(profiles);
        if (!problems.isEmpty()) {
            throw new BankProfileException(problems);
        }
    }

    /**
     * What the hub itself needs on top of {@link #validate}: a real port, and the known-hosts line of every
     * bank's SFTP server. A missing host key stops the start naming the endpoint; the hub never connects to
     * a server it cannot verify (a simulated bank gets the simulator's own key line before this check).
     */
    public List<Problem> validateForHub(List<BankProfile> profiles) {
        List<Problem> problems = new ArrayList<>(validate(profiles));
        for (BankProfile p : profiles == null ? List.<BankProfile>of() : profiles) {
            if (p == null || p.sftp() == null) {
                continue;
            }
            problems.addAll(endpointProblems(p.sftp(), "bank " + p.code()));
        }
        return List.copyOf(problems);
    }

    /** Throws {@link BankProfileException} listing every problem {@link #validateForHub} finds. */
    public void requireUsableByHub(List<BankProfile> profiles) {
        List<Problem> problems = validateForHub(profiles);
        if (!problems.isEmpty()) {
            throw new BankProfileException(problems);
        }
    }

    /**
     * The checks every SFTP endpoint the hub connects to must pass, a bank's or a finance system's: a port
     * it can reach, the archive and error folders its inbound route moves files into, and the known-hosts
     * line of the server's key. {@code owner} names it in each problem.
     */
    public static List<Problem> endpointProblems(SftpEndpoint sftp, String owner) {
        List<Problem> problems = new ArrayList<>();
        String endpoint = sftp.user() + "@" + sftp.host() + ":" + sftp.port();
        if (sftp.port() < 1 || sftp.port() > 65535) {
            problems.add(problem(owner + " / sftp.port", "SFTP endpoint " + endpoint + " has no port to connect to"
                    + " (port 0 means the embedded simulator, which is off)"));
        }
        // answers are moved on the server only after they are committed: the hub needs both folders
        if (blank(sftp.archive())) {
            problems.add(problem(owner + " / sftp.archive", "SFTP endpoint " + endpoint + " has no archive folder,"
                    + " where the hub moves each file it has applied"));
        }
        if (blank(sftp.error())) {
            problems.add(problem(owner + " / sftp.error", "SFTP endpoint " + endpoint + " has no error folder,"
                    + " where the hub moves each file it cannot apply, with its reason"));
        }
        if (blank(sftp.knownHosts())) {
            problems.add(problem(owner + " / sftp.known-hosts", "SFTP endpoint " + endpoint + " has no known host"
                    + " key: give the server's known_hosts line (ssh-keyscan); the hub never connects unverified"));
        } else if (!knownHostsLine(sftp.knownHosts())) {
            problems.add(problem(owner + " / sftp.known-hosts", "the known-hosts line of SFTP endpoint " + endpoint
                    + " cannot be read: expected 'host key-type base64-key' as ssh-keyscan prints it"));
        }
        return problems;
    }

    private static final Set<String> HOST_KEY_TYPES = Set.of("ssh-ed25519", "ssh-rsa", "rsa-sha2-256", "rsa-sha2-512",
            "ecdsa-sha2-nistp256", "ecdsa-sha2-nistp384", "ecdsa-sha2-nistp521");

    /** An OpenSSH known_hosts line: hosts, a key type the client speaks, and a key blob that names that type. */
    static boolean knownHostsLine(String line) {
        String[] parts = line.strip().split("\\s+");
        if (parts.length < 3 || !HOST_KEY_TYPES.contains(parts[1])) {
            return false;
        }
        try {
            byte[] blob = Base64.getDecoder().decode(parts[2]);
            int length = blob.length < 4 ? -1 : ((blob[0] & 0xff) << 24) | ((blob[1] & 0xff) << 16)
                    | ((blob[2] & 0xff) << 8) | (blob[3] & 0xff);
            String type = parts[1].startsWith("rsa-sha2-") ? "ssh-rsa" : parts[1];
            return length == type.length() && blob.length > 4 + length
                    && new String(blob, 4, length, StandardCharsets.US_ASCII).equals(type);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static void checkCode(BankProfile p, String bank, int index, Map<String, String> codeOwner, List<Problem> problems) {
        if (blank(p.code())) {
            problems.add(problem(bank + " / code", "bank code is missing"));
            return;
        }
        // the code names the bank's folder in the simulator and appears in file names: keep it a plain token
        if (!BANK_CODE.matcher(p.code()).matches()) {
            problems.add(problem(bank + " / code", "bank code '" + p.code() + "' must be 1-32 letters, digits, '-' or '_'"));
        }
        String previous = codeOwner.putIfAbsent(p.code(), "#" + (index + 1));
        if (previous != null) {
            problems.add(problem(bank + " / code", "bank code '" + p.code() + "' is used by profile " + previous + " too"));
        }
    }

    private static void checkAgentBankNumbers(BankProfile p, String bank, Map<String, String> owner, List<Problem> problems) {
        if (p.agentBankNumbers().isEmpty()) {
            problems.add(problem(bank + " / agentBankNumbers", "at least one agent bank number (12-digit CNAPS number) is needed"));
            return;
        }
        for (int j = 0; j < p.agentBankNumbers().size(); j++) {
            String number = p.agentBankNumbers().get(j);
            String field = bank + " / agentBankNumbers[" + j + "]";
            if (number == null || !AGENT_BANK_NUMBER.matcher(number).matches()) {
                problems.add(problem(field, "agent bank number '" + number + "' must be exactly 12 digits"));
                continue;
            }
            String previous = owner.putIfAbsent(number, String.valueOf(p.code()));
            if (previous != null) {
                problems.add(problem(field, "agent bank number " + number + " is already served by bank " + previous
                        + ": a voucher's PayBankCode must route to one bank"));
            }
        }
    }

    private static void checkFormats(BankProfile p, String bank, List<Problem> problems) {
        if (p.outboundFormat() == null) {
            problems.add(problem(bank + " / outboundFormat", "outbound format is missing"));
        } else if (!ANSWER_OF.containsKey(p.outboundFormat())) {
            problems.add(problem(bank + " / outboundFormat", "'" + p.outboundFormat().id()
                    + "' is not a format the hub can write; use one of " + ids(ANSWER_OF.keySet())));
        }
        if (p.answerFormat() == null) {
            problems.add(problem(bank + " / answerFormat", "answer format is missing"));
        } else if (p.outboundFormat() != null && ANSWER_OF.containsKey(p.outboundFormat())
                && ANSWER_OF.get(p.outboundFormat()) != p.answerFormat()) {
            problems.add(problem(bank + " / answerFormat", "'" + p.answerFormat().id() + "' does not answer '"
                    + p.outboundFormat().id() + "'; expected '" + ANSWER_OF.get(p.outboundFormat()).id() + "'"));
        }
        if (p.charset() == null) {
            problems.add(problem(bank + " / charset", "character set is missing"));
        } else if (!ALLOWED_CHARSETS.contains(p.charset())) {
            problems.add(problem(bank + " / charset", "character set " + p.charset().name() + " is not allowed; use GBK or UTF-8"));
        }
    }

    private static void checkLimits(BankProfile p, String bank, List<Problem> problems) {
        if (p.maxTransactionsPerFile() <= 0) {
            problems.add(problem(bank + " / maxTransactionsPerFile", "must be greater than 0, is " + p.maxTransactionsPerFile()));
        }
        BigDecimal max = p.maxAmountPerFile();
        if (max == null || max.signum() <= 0) {
            problems.add(problem(bank + " / maxAmountPerFile", "must be greater than 0, is " + max));
        }
        BankFormat format = p.outboundFormat();
        if (format == null) {
            return;
        }
        // the format's fields bound what one file can carry: a bigger limit would fail at the first big batch
        if (p.maxTransactionsPerFile() > format.maxTransactionsPerFile()) {
            problems.add(problem(bank + " / maxTransactionsPerFile", p.maxTransactionsPerFile() + " is more than "
                    + format.id() + " can number in one file (" + format.maxTransactionsPerFile() + ")"));
        }
        if (max != null && format.maxAmountPerFile() != null && max.compareTo(format.maxAmountPerFile()) > 0) {
            problems.add(problem(bank + " / maxAmountPerFile", max.toPlainString() + " is more than " + format.id()
                    + " can carry in one file (" + format.maxAmountPerFile().toPlainString() + ")"));
        }
    }

    private static void checkSettlement(BankProfile p, String bank, List<Problem> problems) {
        if (p.transliteration() == null) {
            problems.add(problem(bank + " / transliteration", "transliteration policy is missing; use "
                    + Arrays.toString(TransliterationPolicy.values())));
        }
        if (p.cutOffTime() == null) {
            problems.add(problem(bank + " / cutOffTime", "cut-off time is missing (a time of day in "
                    + BankProfile.ZONE + ", e.g. 16:00)"));
        }
        if (p.statementFormat() != null && !STATEMENT_FORMATS.contains(p.statementFormat())) {
            problems.add(problem(bank + " / statementFormat", "'" + p.statementFormat().id()
                    + "' is not a statement format; use one of " + ids(STATEMENT_FORMATS) + " or none"));
        }
        if (!p.answerSettles() && p.statementFormat() == null) {
            problems.add(problem(bank + " / answerSettles", "the bank's answer does not settle payments and it sends"
                    + " no statement: no payment to it could ever be reported paid"));
        }
        if (p.intradayNotifications() && p.statementFormat() == null) {
            problems.add(problem(bank + " / intradayNotifications", "intraday camt.054 notifications need a statement"
                    + " format: the day's bookings are closed by its end-of-day statement"));
        }
    }

    private static void checkFileNamePattern(BankProfile p, String bank, List<Problem> problems) {
        String field = bank + " / fileNamePattern";
        String pattern = p.fileNamePattern();
        if (blank(pattern)) {
            problems.add(problem(field, "file-name pattern is missing"));
            return;
        }
        for (String token : REQUIRED_NAME_TOKENS) {
            if (!pattern.contains(token)) {
                problems.add(problem(field, "pattern '" + pattern + "' lacks " + token + ": two files could get the same name"));
            }
        }
        Matcher m = TOKEN.matcher(pattern);
        while (m.find()) {
            if (!KNOWN_NAME_TOKENS.contains(m.group())) {
                problems.add(problem(field, "pattern '" + pattern + "' has unknown token " + m.group()
                        + "; known tokens are " + KNOWN_NAME_TOKENS));
            }
        }
        if (UNSAFE_PATTERN_CHARS.matcher(pattern).find() || pattern.contains("..")) {
            problems.add(problem(field, "pattern '" + pattern + "' would not give a single safe path segment"));
        }
    }

    private static void checkSftp(SftpEndpoint sftp, String bank, List<Problem> problems) {
        if (sftp == null) {
            problems.add(problem(bank + " / sftp", "SFTP endpoint is missing"));
            return;
        }
        requirePresent(sftp.host(), bank + " / sftp.host", problems);
        requirePresent(sftp.user(), bank + " / sftp.user", problems);
        requireFolder(sftp.inbox(), bank + " / sftp.inbox", problems);
        requireFolder(sftp.outbox(), bank + " / sftp.outbox", problems);
        // archive and error (required by the hub, see endpointProblems) must stay in the home too
        if (!blank(sftp.archive())) {
            requireFolder(sftp.archive(), bank + " / sftp.archive", problems);
        }
        if (!blank(sftp.error())) {
            requireFolder(sftp.error(), bank + " / sftp.error", problems);
        }
        if (!blank(sftp.inboxArchive())) {
            requireFolder(sftp.inboxArchive(), bank + " / sftp.inboxArchive", problems);
        }
        if (!blank(sftp.inbox()) && !blank(sftp.outbox()) && folder(sftp.inbox()).equals(folder(sftp.outbox()))) {
            problems.add(problem(bank + " / sftp.outbox", "outbox is the same folder as the inbox: the hub would read its own uploads"));
        }
        if (sftp.port() < 0 || sftp.port() > 65535) {
            problems.add(problem(bank + " / sftp.port", "port " + sftp.port() + " is outside 0..65535"));
        }
        if (blank(sftp.password()) && blank(sftp.privateKeyFile())) {
            problems.add(problem(bank + " / sftp.password", "neither a password nor a private key is configured"));
        }
    }

    private static void requirePresent(String value, String field, List<Problem> problems) {
        if (blank(value)) {
            problems.add(problem(field, "is missing"));
        }
    }

    private static void requireFolder(String value, String field, List<Problem> problems) {
        if (blank(value)) {
            problems.add(problem(field, "is missing"));
            return;
        }
        for (String segment : folder(value).split("/")) {
            if (segment.equals("..") || segment.chars().anyMatch(Character::isISOControl)) {
                problems.add(problem(field, "folder '" + value + "' must not leave the SFTP home ('..' or control characters)"));
                return;
            }
        }
    }

    /** A folder as the SFTP home sees it: no leading or trailing slash. */
    private static String folder(String value) {
        String f = value.trim();
        while (f.startsWith("/")) {
            f = f.substring(1);
        }
        while (f.endsWith("/")) {
            f = f.substring(0, f.length() - 1);
        }
        return f;
    }

    private static String ids(Set<BankFormat> formats) {
        return formats.stream().map(BankFormat::id).sorted().toList().toString();
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static Problem problem(String location, String message) {
        return Problem.of(BankProfileException.CODE, message, location);
    }
}
