package org.jincai.formats.fiscal;

/**
 * How vouchers are written for one counterpart.
 *
 * @param legacyExpEcoTags write the department economic classification under the pre-2018 tags
 *     ExpEcoCode / ExpEcoName instead of DepExpEcoCode / DepExpEcoName, for counterparts still on the old
 *     scheme (standard §11.3)
 * @param validateSchema check every voucher written against the hub's XSD of its family and refuse it
 *     (XSD_INVALID) rather than send a voucher the hub's own schema rejects
 */
public record FiscalWriteOptions(boolean legacyExpEcoTags, boolean validateSchema) {

    public FiscalWriteOptions(boolean legacyExpEcoTags) {
        this(legacyExpEcoTags, false);
    }

    public static FiscalWriteOptions defaults() {
        return new FiscalWriteOptions(false, false);
    }

    public FiscalWriteOptions withValidateSchema(boolean validate) {
        return new FiscalWriteOptions(legacyExpEcoTags, validate);
    }
}
