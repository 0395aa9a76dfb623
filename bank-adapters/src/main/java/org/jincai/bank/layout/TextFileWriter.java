package org.jincai.bank.layout;

import static org.jincai.bank.file.BankFileErrors.EMPTY_FILE;
import static org.jincai.bank.file.BankFileErrors.FIELD_MISSING;

import java.nio.charset.Charset;
import java.util.Objects;
import org.jincai.bank.file.BankFileException;
import org.jincai.bank.file.BankFileWriter;
import org.jincai.bank.file.PaymentFile;
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
    static void requireCredits(PaymentFile file, String location) throws BankFileException {
        if (file.credits().isEmpty()) {
            throw new BankFileException(EMPTY_FILE, "a payment file needs at least one credit", location);
        }
    }

    /**
     * The payer's name as it goes on the wire, once the file's message id, payer account and name and its
     * execution date are known to be there (FIELD_MISSING); CHARSET_UNENCODABLE as for any name.
     */
    String payerNameOnTheWire(PaymentFile file, String location) throws BankFileException {
        FieldChecks.requirePresent(file.messageId(), "messageId", location);
        FieldChecks.requirePresent(file.payerAccount(), "payerAccount", location);
        FieldChecks.requirePresent(file.payerName(), "payerName", location);
        if (file.executionDate() == null) {
            throw new BankFileException(FIELD_MISSING, "executionDate is empty", location);
        }
        return FieldChecks.nameOnTheWire(file.payerName(), charset, policy, "payerName", "", location + " line 1");
    }
}
