package org.jincai.formats.iso20022;

import java.util.Objects;

/**
 * How a pain.001 is written, from the bank's profile: the schema version, and whether Chinese text
 * (names, remittance) stays UTF-8 or is transliterated to ASCII pinyin ({@link Pinyin}) for a bank
 * whose systems take only the Latin set, with what to do about a character the table lacks.
 */
public record Pain001WriteOptions(Pain001Version version, boolean transliterate, Pinyin.Unknown unknownCharacter) {

    public Pain001WriteOptions {
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(unknownCharacter, "unknownCharacter");
    }

    /** UTF-8 text as given. */
    public static Pain001WriteOptions of(Pain001Version version) {
        return new Pain001WriteOptions(version, false, Pinyin.Unknown.ERROR);
    }

    /** ASCII pinyin for every name and remittance text; an untransliterable character is an error. */
    public Pain001WriteOptions transliterated() {
        return new Pain001WriteOptions(version, true, unknownCharacter);
    }

    public Pain001WriteOptions withUnknownCharacter(Pinyin.Unknown policy) {
        return new Pain001WriteOptions(version, transliterate, policy);
    }
}
