package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.DUPLICATE_END_TO_END_ID;
import static org.jincai.bank.file.BankFileErrors.EMPTY_FILE;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;

import java.nio.charset.Charset;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.CreditSource;
import org.jincai.bank.file.FileHead;
import org.jincai.bank.layout.internal.FieldChecks;
import org.jincai.bank.profile.BankProfile;
import org.jincai.bank.profile.TransliterationPolicy;

/**
 * What the payment file writers of the text layouts share: the bank's character set and transliteration
 * policy (a profile without a policy refuses every name the charset cannot encode), and the checks of the
 * file's own fields before its credits are mapped to the layout's records.
 */
abstract class TextFileWriter implements BankFileWriter {

    final Charset charset;
    final TransliterationPolicy policy;

    TextFileWriter(BankProfile profile) {
        this(TextLayout.charset(profile),
                profile.transliteration() == null ? TransliterationPolicy.REFUSE : profile.transliteration());
    }

    TextFileWriter(Charset charset, TransliterationPolicy policy) {
        this.charset = Objects.requireNonNull(charset, "charset");
        this.policy = Objects.requireNonNull(policy, "policy");
    }

    /** EMPTY_FILE when the file has no credit. */
    static void requireCredits(long count, String location) throws BankFileException {
        if (count == 0) {
            throw new BankFileException(EMPTY_FILE, "a payment file needs at least one credit", location);
        }
    }

    /**
     * Refuses a credit whose end-to-end id came earlier in the file (DUPLICATE_END_TO_END_ID); {@code seen} is null
     * when the source guarantees distinct ids, and nothing is remembered.
     */
    static void requireFirst(Set<String> seen, String endToEndId, String location) throws BankFileException {
        if (seen != null && !seen.add(endToEndId)) {
            throw new BankFileException(DUPLICATE_END_TO_END_ID, "end-to-end id " + endToEndId + " appears twice",
                    location);
        }
    }

    /** The set that remembers end-to-end ids for {@link #requireFirst}, or null when the source's are distinct. */
    static Set<String> seen(CreditSource credits) {
        return credits.distinctIds() ? null : new HashSet<>();
    }

    /**
     * The payer's name as it goes on the wire, once the file's message id, payer account and name and its
     * execution date are known to be there (FIELD_MISSING); CHARSET_UNENCODABLE as for any name.
     */
    String payerNameOnTheWire(FileHead file, String location) throws BankFileException {
        FieldChecks.requirePresent(file.messageId(), "messageId", location);
        FieldChecks.requirePresent(file.payerAccount(), "payerAccount", location);
        FieldChecks.requirePresent(file.payerName(), "payerName", location);
        if (file.executionDate() == null) {
            throw new BankFileException(FIELD_MISSING, "executionDate is empty", location);
        }
        return FieldChecks.nameOnTheWire(file.payerName(), charset, policy, "payerName", "", location + " line 1");
    }
}
