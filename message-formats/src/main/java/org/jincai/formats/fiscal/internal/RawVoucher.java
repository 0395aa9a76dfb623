package org.jincai.formats.fiscal.internal;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import org.jincai.formats.FormatException;
import org.jincai.formats.fiscal.FiscalCodes;
import org.jincai.formats.xml.SecureXml;

/**
 * The inner voucher as tag-to-text maps, before any value is interpreted: the header, then one map per
 * {@code DetailList/Detail}. Keeping this step apart lets the reader report a bad date or amount with its
 * tag and still read every other field.
 */
public final class RawVoucher {

    /** The plain-valued children of one element, with what did not fit that shape. */
    public static final class Fields {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final List<String> repeated = new ArrayList<>();
        private final List<String> complex = new ArrayList<>();

        /** Tag to stripped text, in document order; the first occurrence wins. */
        public Map<String, String> values() {
            return values;
        }

        /** Tags that occurred more than once. */
        public List<String> repeated() {
            return repeated;
        }

        /** Tags that had child elements where a plain value belongs (skipped). */
        public List<String> complex() {
            return complex;
        }

        void put(String tag, String text) {
            if (text == null) {
                complex.add(tag);
            } else if (values.containsKey(tag)) {
                repeated.add(tag);
            } else {
                values.put(tag, text.strip());
            }
        }
    }

    private final Fields header = new Fields();
    private final List<Fields> details = new ArrayList<>();

    private RawVoucher() {
    }

    public Fields header() {
        return header;
    }

    public List<Fields> details() {
        return details;
    }

    /**
     * Parses the inner voucher bytes (already carrying the right XML declaration) with the secure parser.
     *
     * @throws FormatException DOCTYPE_NOT_ALLOWED, XML_NOT_WELL_FORMED or VOUCHER_ROOT_INVALID
     */
    public static RawVoucher parse(byte[] xml, String location) {
        XMLStreamReader r = SecureXml.newReader(new ByteArrayInputStream(xml), location);
        try {
            if (!Stax.toRoot(r)) {
                throw new FormatException(FiscalCodes.VOUCHER_ROOT_INVALID, "no root element", location);
            }
            if (!"Voucher".equals(r.getLocalName())) {
                throw new FormatException(FiscalCodes.VOUCHER_ROOT_INVALID,
                        "root element is <" + r.getLocalName() + ">, expected <Voucher>", location);
            }
            RawVoucher v = new RawVoucher();
            boolean sawDetailList = false;
            while (Stax.nextChild(r)) {
                String tag = r.getLocalName();
                if (VoucherFields.DETAIL_LIST.equals(tag)) {
                    if (sawDetailList) {
                        v.header.repeated.add(tag);
                    }
                    sawDetailList = true;
                    readDetails(r, v);
                } else {
                    v.header.put(tag, Stax.text(r));
                }
            }
            while (r.hasNext()) {
                r.next();
            }
            return v;
        } catch (XMLStreamException e) {
            throw SecureXml.notWellFormed(e, location);
        } finally {
            try {
                r.close();
            } catch (XMLStreamException ignored) {
                // closing an in-memory reader cannot lose data
            }
        }
    }

    private static void readDetails(XMLStreamReader r, RawVoucher v) throws XMLStreamException {
        while (Stax.nextChild(r)) {
            if (!VoucherFields.DETAIL.equals(r.getLocalName())) {
                v.header.complex.add(VoucherFields.DETAIL_LIST + "/" + r.getLocalName());
                Stax.skip(r);
                continue;
            }
            Fields d = new Fields();
            while (Stax.nextChild(r)) {
                d.put(r.getLocalName(), Stax.text(r));
            }
            v.details.add(d);
        }
    }
}
