package org.jincai.bank.profile;

/**
 * What a bank file writer does with a name the bank's character set cannot encode (a rare character
 * outside GBK in a payee's name). Never a {@code ?} on the wire: either the file is refused with the
 * payee named, or the character is replaced by a known equivalent (see
 * {@link org.jincai.bank.file.Transliteration}); a character without a known equivalent is refused
 * under both policies.
 */
public enum TransliterationPolicy {
    /** Refuse the file: CHARSET_UNENCODABLE naming the payee. The safe default for a bank that matches names. */
    REFUSE,
    /** Replace characters outside the charset by the equivalent in the transliteration table, then write. */
    TRANSLITERATE
}
