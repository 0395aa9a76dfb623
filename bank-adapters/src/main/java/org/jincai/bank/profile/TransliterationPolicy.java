package org.jincai.bank.profile;

/**
 * What a bank file writer does with names: every writer honours it, the text layouts and ISO 20022
 * alike. Never a {@code ?} on the wire: a name that cannot be carried is refused with the payee named.
 */
public enum TransliterationPolicy {
    /**
     * Names as they are; a name the bank's character set cannot encode is refused (CHARSET_UNENCODABLE
     * naming the payee). The safe default for a bank that matches names.
     */
    REFUSE,
    /**
     * Characters outside the charset are replaced by a known equivalent (see
     * {@link org.jincai.bank.file.Transliteration}: {@code 𠮷 -> 吉}); one without a known equivalent is
     * refused.
     */
    TRANSLITERATE,
    /**
     * Names in ASCII pinyin ({@code 张伟 -> Zhang Wei}, surname readings and compound surnames corrected;
     * see {@link org.jincai.formats.iso20022.Pinyin}), for a bank whose systems take only the Latin set.
     * The ISO 20022 writer puts every text of the message in ASCII (remittance, bank names too); the text
     * layouts write the payer's and payees' names in pinyin and their other texts in the bank's charset.
     * A character with no reading is refused.
     */
    PINYIN
}
