package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.RandomValues.amount;
import static org.jincai.formats.fiscal.RandomValues.date;
import static org.jincai.formats.fiscal.RandomValues.digits;
import static org.jincai.formats.fiscal.RandomValues.text;

import java.io.ByteArrayInputStream;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import org.jincai.formats.fiscal.codes.CodeLists;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Seeded random vouchers of every supported type — every field of the type's tables filled at random with
 * GBK text full of markup characters, 0–6 details (at least one where the type lists lines), originals and
 * receipts, now and then an unmodelled tag — are valid, survive write -> read unchanged, write back to the
 * same bytes, validate against the family's XSD in strict mode, and do the same inside one envelope.
 * Everything the rules tie together (totals, counts, links, receipt X-fields, formats) is derived from the
 * type's own rule parameters, so a new type is covered by adding it to the registry.
 */
class TypesRoundTripPropertyTest {

    private static final long SEED = 20261129L;
    private static final int PER_TYPE = 100;

    static Stream<VoucherType> types() {
        return VoucherTypes.standard().all().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("types")
    void randomVouchersSurviveWriteAndReadAndValidate(VoucherType type) {
        Random random = new Random(SEED + Long.parseLong(type.vtCode()));
        // random text in coded fields is not in any code list: that is a warning, checked elsewhere
        FiscalReadOptions lenient = FiscalReadOptions.defaults().withCodeLists(CodeLists.none());
        FiscalVoucherReader reader = new FiscalVoucherReader(lenient);
        FiscalVoucherReader strict = new FiscalVoucherReader(lenient.withStrictSchema(true));
        FiscalVoucherWriter writer = new FiscalVoucherWriter();
        List<FiscalVoucher> vouchers = new ArrayList<>();
        List<VoucherBody> bodies = new ArrayList<>();
        for (int i = 0; i < PER_TYPE; i++) {
            int flag = random.nextInt(4) == 0 ? VoucherBody.FLAG_RECEIPT : VoucherBody.FLAG_ORIGINAL;
            FiscalVoucher v = voucher(type, i, flag == VoucherBody.FLAG_RECEIPT, random);
            VoucherBody body = VoucherBody.of(v, flag, null);
            vouchers.add(v);
            bodies.add(body);

            FiscalReadResult r = reader.read(body.withIndex(i + 1));

            assertThat(r.errors()).as("%s #%d", type.vtCode(), i).isEmpty();
            assertThat(r.voucher()).as("%s #%d", type.vtCode(), i).isEqualTo(v);
            assertThat(writer.write(r.voucher())).isEqualTo(body.voucherXml());
            if (v.otherFields().isEmpty() && v.details().stream().allMatch(d -> d.otherFields().isEmpty())) {
                assertThat(strict.read(body.withIndex(i + 1)).errors()).as("strict %s #%d", type.vtCode(), i).isEmpty();
            }
        }

        byte[] envelope = new MofEnvelopeWriter().toBytes(bodies);
        FiscalEnvelopeReadResult all = FiscalEnvelopes.read(new ByteArrayInputStream(envelope), "random", lenient);

        assertThat(all.allValid()).isTrue();
        assertThat(all.vouchers()).extracting(FiscalReadResult::voucher).containsExactlyElementsOf(vouchers);
        assertThat(new MofEnvelopeWriter().toBytes(all.vouchers().stream().map(FiscalReadResult::body).toList())).isEqualTo(envelope);
    }

    private FiscalVoucher voucher(VoucherType type, int n, boolean receipt, Random random) {
        FiscalVoucher.Builder b = FiscalVoucher.builder(type);
        fill(type.header(), b::set, random);
        String voucherNo = "RV" + type.vtCode() + (2026_0000_0000L + n);
        String id = Long.toHexString(random.nextLong()) + Long.toHexString(random.nextLong());
        b.text("Id", id)
                .text("AdmDivCode", "42" + (1000 + random.nextInt(9000)))
                .text("StYear", "2026")
                .text("VtCode", type.vtCode())
                .text("VoucherNo", voucherNo)
                .date("VouDate", date(random));
        formatted(type.header(), b::set, random);
        if (random.nextInt(5) == 0) {
            b.otherField("ZzRegionalTag", text(6, random));
        }
        int count = random.nextInt(7);
        if (type.detailsRequired() && count == 0) {
            count = 1;
        }
        boolean batch = type.headerField("BusinessTypeCode").isPresent() && random.nextInt(4) == 0;
        if (type.headerField("BusinessTypeCode").isPresent()) {
            // a random text could be "4" and make a batch by accident
            b.text("BusinessTypeCode", batch ? "4" : random.nextBoolean() ? "3" : null);
        }
        List<FiscalDetail> details = new ArrayList<>();
        Set<String> reasonTags = new HashSet<>();
        type.failureReasons().forEach(r -> reasonTags.addAll(r.reasonTags()));
        for (int i = 1; i <= count; i++) {
            FiscalDetail.Builder d = FiscalDetail.builder(type);
            fill(type.detail(), d::set, random);
            formatted(type.detail(), d::set, random);
            d.text("Id", voucherNo + "-" + i);
            for (FieldDef f : type.detail()) {
                if (f.presence() == FieldDef.Presence.REQUIRED && f.kind() == FieldKind.TEXT) {
                    d.text(f.tag(), RandomValues.value(f.limit(), 1 + random.nextInt(8), random));
                }
                if (f.kind() == FieldKind.AMOUNT) {
                    d.amount(f.tag(), random.nextBoolean() || f.presence() == FieldDef.Presence.REQUIRED ? amount(random) : null);
                }
                if (f.presence() == FieldDef.Presence.RECEIPT && !receipt) {
                    d.set(f.tag(), null);
                }
            }
            if (batch) {
                d.text("PayeeAcctBankNo", digits(12, random));
            }
            if (random.nextInt(8) == 0) {
                d.otherField("ZzLineTag", text(3, random));
            }
            details.add(d.build());
        }
        b.details(details);
        FiscalVoucher v = b.build();
        FiscalVoucher.Builder fix = v.toBuilder();
        // fields the rules tie to the header or to the other details
        List<FiscalDetail> linked = new ArrayList<>();
        for (FiscalDetail d : v.details()) {
            FiscalDetail.Builder db = d.toBuilder();
            for (VoucherType.Link link : type.links()) {
                db.set(link.detailTag(), d.text(link.detailTag()) == null ? null : v.text(link.headerTag()));
            }
            if (receipt) {
                for (FieldDef f : type.detail()) {
                    if (f.presence() == FieldDef.Presence.RECEIPT && d.values().get(f.tag()) == null) {
                        db.set(f.tag(), value(f, random));
                    }
                }
                for (VoucherType.FailureReason r : type.failureReasons()) {
                    if (r.inDetails() && random.nextInt(4) == 0) {
                        db.amount(r.amountTag(), BigDecimal.ZERO.setScale(2)).text(r.reasonTags().get(0), "收款账户已销户");
                    }
                }
            } else {
                for (String tag : reasonTags) {
                    type.detailField(tag).ifPresent(f -> db.set(tag, null));
                }
            }
            linked.add(db.build());
        }
        fix.details(linked);
        for (FieldDef f : type.header()) {
            if (f.presence() == FieldDef.Presence.REQUIRED && v.values().get(f.tag()) == null) {
                fix.set(f.tag(), value(f, random));
            }
            if (f.presence() == FieldDef.Presence.RECEIPT) {
                fix.set(f.tag(), receipt ? value(f, random) : null);
            }
        }
        if (linked.isEmpty()) {
            for (String tag : type.requiredWithoutDetails()) {
                fix.set(tag, value(type.headerField(tag).orElseThrow(), random));
            }
        }
        FiscalVoucher partial = fix.build();
        for (VoucherType.Total t : type.totals()) {
            if (!linked.isEmpty() && (!t.receiptOnly() || receipt)) {
                fix.amount(t.headerTag(), partial.detailSum(t.detailTag()));
            } else if (linked.isEmpty() && type.totals().get(0) == t) {
                fix.amount(t.headerTag(), amount(random));
            }
        }
        for (VoucherType.Count c : type.counts()) {
            Set<String> distinct = new HashSet<>();
            linked.forEach(d -> {
                if (c.distinctDetailTag() != null && d.text(c.distinctDetailTag()) != null) {
                    distinct.add(d.text(c.distinctDetailTag()));
                }
            });
            fix.text(c.headerTag(), Integer.toString(c.distinctDetailTag() == null ? linked.size() : distinct.size()));
        }
        if (receipt) {
            for (VoucherType.FailureReason r : type.failureReasons()) {
                if (!r.inDetails() && partial.amount(r.amountTag()) != null && partial.amount(r.amountTag()).signum() == 0) {
                    fix.text(r.reasonTags().get(0), "额度不足");
                }
            }
        }
        return fix.build();
    }

    /** Every field, with even odds, gets a random value of its kind (formatted fields get theirs after). */
    private void fill(List<FieldDef> fields, Setter setter, Random random) {
        for (FieldDef f : fields) {
            if (random.nextBoolean() || f.presence() == FieldDef.Presence.RECEIPT) {
                continue;
            }
            setter.set(f.tag(), value(f, random));
        }
    }

    /** Fields with a format get a value of it (and keep it only with even odds unless required). */
    private void formatted(List<FieldDef> fields, Setter setter, Random random) {
        for (FieldDef f : fields) {
            if (f.format() == null || List.of("AdmDivCode", "StYear", "VtCode").contains(f.tag())) {
                continue;
            }
            String value = switch (f.tag()) {
                case "SetMonth" -> Integer.toString(1 + random.nextInt(12));
                case "OriginalVtCode" -> random.nextBoolean() ? "5201" : "8202";
                default -> Integer.toString(random.nextInt(1000));
            };
            setter.set(f.tag(), random.nextBoolean() || f.presence() == FieldDef.Presence.REQUIRED ? value : null);
        }
    }

    @FunctionalInterface
    private interface Setter {
        void set(String tag, Object value);
    }

    private Object value(FieldDef f, Random random) {
        return switch (f.kind()) {
            case TEXT -> f.format() == null ? RandomValues.value(f.limit(), 1 + random.nextInt(20), random) : digits(1, random);
            case DATE -> date(random);
            case AMOUNT -> amount(random);
        };
    }
}
