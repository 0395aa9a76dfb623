package org.jincai.formats.fiscal;

/**
 * How vouchers are written for one counterpart.
 *
 * @param legacyExpEcoTags write the department economic classification under the pre-2018 tags
 *     ExpEcoCode / ExpEcoName instead of DepExpEcoCode / DepExpEcoName, for counterparts still on the old
 *     scheme (standard §11.3)
 */
public record FiscalWriteOptions(boolean legacyExpEcoTags) {

    public static FiscalWriteOptions defaults() {
        return new FiscalWriteOptions(false);
    }
}
