package org.jincai.formats.fiscal;

import java.io.ByteArrayInputStream;
import java.net.URL;
import java.util.List;
import javax.xml.validation.Schema;
import org.jincai.formats.Problem;
import org.jincai.formats.fiscal.internal.XmlProlog;
import org.jincai.formats.xml.SchemaValidation;
import org.jincai.formats.xml.SecureXml;

/**
 * The hub's own XSDs of the inner vouchers, one per family, under
 * {@code org/jincai/formats/fiscal/xsd/} (the standard publishes none). They fix what the field tables
 * fix: the tags of the family (in any order, as senders order them differently), the fields required on
 * every voucher of the family, {@code yyyyMMdd} dates, two-decimal amounts, digits where counts and codes
 * are digits. They know nothing of receipts, totals or code lists — those are the validator's. A tag the
 * family does not know is a schema error, which is what strict mode is for.
 *
 * <p>Schemas are compiled once per JVM and documents parsed through {@link SecureXml}, so a DTD is
 * DOCTYPE_NOT_ALLOWED and is never processed ({@link SchemaValidation}).
 */
public final class FiscalSchemas {

    /** Problems beyond this add nothing a person reads. */
    public static final int MAX_PROBLEMS = 50;

    private static final String FOLDER = "xsd/";
    /** A voucher is read to collect every problem: a parse that fails for any reason is one more problem. */
    private static final SchemaValidation VALIDATION = new SchemaValidation(FiscalCodes.XSD_INVALID, MAX_PROBLEMS, " / ",
            true);

    private FiscalSchemas() {
    }

    /** The classpath resource of the family's XSD, {@code null} for a family without one. */
    public static URL resource(VoucherFamily family) {
        return family.schema() == null ? null : FiscalSchemas.class.getResource(FOLDER + family.schema());
    }

    /**
     * Validates inner voucher bytes (GBK unless their declaration says otherwise) against the XSD of the
     * type's family.
     *
     * @return XSD_INVALID problems located at {@code location / line:column}, in document order, at most
     *     {@value #MAX_PROBLEMS}; XML_NOT_WELL_FORMED or DOCTYPE_NOT_ALLOWED when the bytes cannot be parsed;
     *     empty when valid
     * @throws IllegalArgumentException when the type's family has no XSD
     */
    public static List<Problem> validate(byte[] voucherXml, VoucherType type, String location) {
        Schema schema = schema(type.family());
        byte[] parsable = XmlProlog.of(voucherXml).forParser(voucherXml);
        return VALIDATION.validate(schema, new ByteArrayInputStream(parsable), location);
    }

    private static Schema schema(VoucherFamily family) {
        if (family.schema() == null) {
            throw new IllegalArgumentException("no XSD for the family " + family);
        }
        return SchemaValidation.schema(FiscalSchemas.class, FOLDER + family.schema());
    }
}
