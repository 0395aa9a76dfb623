package org.jincai.formats.fiscal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes the hub's XSD of a voucher family from the field tables of its types, so the schema and the tables
 * cannot drift: {@link FiscalSchemaTest} compares the bundled files with this output (run it with
 * {@code -Djincai.fiscal.regenerateXsd=true} after changing a table to rewrite them).
 *
 * <p>Header and detail are {@code xs:all} (senders order tags differently; each at most once); a field is
 * required when every type of the family requires it (a detail Id always); dates are 8 digits, amounts a
 * plain number with two decimals (or a bare zero, which originals carry in their X-amounts), formatted text its
 * format; empty elements are accepted as absent, as the reader treats them. Legacy tags the types read (ExpEcoCode,
 * XpayAmt, Amt) are accepted where they map, and the fields the types carry without interpreting them (ExpFuncCode1,
 * ClearBankCode, ForeignAmt, PayKindCode, …) are optional elements.
 */
final class FiscalXsdGenerator {

    private FiscalXsdGenerator() {
    }

    static String xsd(VoucherFamily family) {
        List<VoucherType> types = VoucherTypes.standard().all().stream().filter(t -> t.family() == family).toList();
        if (types.isEmpty()) {
            throw new IllegalArgumentException("no standard type in " + family);
        }
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<!--\n");
        sb.append("  Jincai's own schema of the inner <Voucher> of the family ").append(family).append(": ")
                .append(types.stream().map(t -> t.vtCode() + " " + t.name()).collect(Collectors.joining(", "))).append(".\n");
        sb.append("  The finance payment information exchange standard publishes no XSD; this one is generated from the\n");
        sb.append("  field tables in org.jincai.formats.fiscal.internal.VoucherTables by FiscalXsdGenerator (test code)\n");
        sb.append("  and checked against them by FiscalSchemaTest: do not edit by hand. Receipts, totals, counts and code\n");
        sb.append("  lists are the validator's rules, not the schema's.\n");
        sb.append("-->\n");
        sb.append("<xs:schema xmlns:xs=\"http://www.w3.org/2001/XMLSchema\" elementFormDefault=\"unqualified\">\n\n");
        sb.append("  <xs:element name=\"Voucher\">\n    <xs:complexType>\n      <xs:all>\n");
        elements(sb, types, VoucherType::header, VoucherType::carriedHeader, false, "        ");
        sb.append("        <xs:element name=\"DetailList\" minOccurs=\"0\">\n");
        sb.append("          <xs:complexType>\n            <xs:sequence>\n");
        sb.append("              <xs:element name=\"Detail\" type=\"Detail\" minOccurs=\"0\" maxOccurs=\"unbounded\"/>\n");
        sb.append("            </xs:sequence>\n          </xs:complexType>\n        </xs:element>\n");
        sb.append("      </xs:all>\n    </xs:complexType>\n  </xs:element>\n\n");
        sb.append("  <xs:complexType name=\"Detail\">\n    <xs:all>\n");
        elements(sb, types, VoucherType::detail, VoucherType::carriedDetail, true, "      ");
        sb.append("    </xs:all>\n  </xs:complexType>\n\n");
        sb.append("  <xs:simpleType name=\"Text\">\n    <xs:restriction base=\"xs:string\"/>\n  </xs:simpleType>\n\n");
        sb.append("  <xs:simpleType name=\"Date\">\n    <xs:restriction base=\"xs:token\">\n")
                .append("      <xs:pattern value=\"([0-9]{8})?\"/>\n    </xs:restriction>\n  </xs:simpleType>\n\n");
        sb.append("  <xs:simpleType name=\"Amount\">\n    <xs:restriction base=\"xs:token\">\n")
                .append("      <xs:pattern value=\"(-?[0-9]{1,18}\\.[0-9]{2}|0|0\\.0|0\\.00)?\"/>\n    </xs:restriction>\n  </xs:simpleType>\n\n");
        sb.append("</xs:schema>\n");
        return sb.toString();
    }

    private static void elements(StringBuilder sb, List<VoucherType> types, Function<VoucherType, List<FieldDef>> table,
            Function<VoucherType, Map<String, FieldDef>> carried, boolean detail, String indent) {
        Map<String, FieldDef> union = new LinkedHashMap<>();
        // the widest table first, so the family's extra tags keep their place in the listing
        List<VoucherType> widestFirst = new ArrayList<>(types);
        widestFirst.sort((a, b) -> Integer.compare(table.apply(b).size(), table.apply(a).size()));
        for (VoucherType t : widestFirst) {
            for (FieldDef f : table.apply(t)) {
                union.putIfAbsent(f.tag(), f);
            }
        }
        Map<String, FieldDef> legacy = new LinkedHashMap<>();
        for (VoucherType t : widestFirst) {
            t.aliases().forEach((old, tag) -> {
                if (union.containsKey(tag) && !union.containsKey(old)) {
                    legacy.putIfAbsent(old, FieldDef.of(old, union.get(tag).kind()));
                }
            });
        }
        for (FieldDef f : union.values()) {
            boolean required = detail && f.tag().equals("Id")
                    || types.stream().allMatch(t -> table.apply(t).stream()
                            .anyMatch(g -> g.tag().equals(f.tag()) && g.presence() == FieldDef.Presence.REQUIRED));
            element(sb, f, required, indent);
        }
        for (FieldDef f : legacy.values()) {
            element(sb, f, false, indent);
        }
        Map<String, FieldDef> kept = new LinkedHashMap<>();
        for (VoucherType t : widestFirst) {
            carried.apply(t).forEach((tag, f) -> {
                if (!union.containsKey(tag) && !legacy.containsKey(tag)) {
                    kept.putIfAbsent(tag, f);
                }
            });
        }
        for (FieldDef f : kept.values()) {
            element(sb, f, false, indent);
        }
    }

    private static void element(StringBuilder sb, FieldDef f, boolean required, String indent) {
        String occurs = required ? "" : " minOccurs=\"0\"";
        if (f.kind() == FieldKind.TEXT && f.format() != null) {
            sb.append(indent).append("<xs:element name=\"").append(f.tag()).append("\"").append(occurs).append(">\n");
            sb.append(indent).append("  <xs:simpleType>\n");
            sb.append(indent).append("    <xs:restriction base=\"xs:token\">\n");
            sb.append(indent).append("      <xs:pattern value=\"(").append(f.format().pattern()).append(")?\"/>\n");
            sb.append(indent).append("    </xs:restriction>\n");
            sb.append(indent).append("  </xs:simpleType>\n");
            sb.append(indent).append("</xs:element>\n");
            return;
        }
        String type = switch (f.kind()) {
            case TEXT -> "Text";
            case DATE -> "Date";
            case AMOUNT -> "Amount";
        };
        sb.append(indent).append("<xs:element name=\"").append(f.tag()).append("\" type=\"").append(type).append("\"")
                .append(occurs).append("/>\n");
    }
}
