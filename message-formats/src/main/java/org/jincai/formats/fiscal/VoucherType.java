package org.jincai.formats.fiscal;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One voucher type (VtCode) as data: its header and detail field tables in wire order, the legacy tags it
 * reads into modern ones, and the parameters of the standard's rules (which amounts must equal which sums,
 * which counts must equal which details, which detail fields point back at the header, how details are
 * limited). {@link FiscalVoucherReader}, {@link FiscalVoucherWriter} and {@link FiscalVoucherValidator} are
 * generic over these; the standard's types are in {@link VoucherTypes}, and a region's own type is a new
 * {@code VoucherType} added there, never a branch in code.
 *
 * <p>Immutable and thread-safe.
 */
public final class VoucherType {

    /**
     * A header amount that must equal the sum of a detail amount over all details.
     *
     * @param headerTag e.g. {@code PayAmt}, {@code SumAmt}, {@code PlanAmt}
     * @param detailTag the detail amount summed
     * @param code the problem code when they differ (PAY_AMT_MISMATCH, SUM_AMT_MISMATCH, …)
     * @param receiptOnly checked on receipts (回单) only: the X-amounts are filled by the receiver
     */
    public record Total(String headerTag, String detailTag, String code, boolean receiptOnly) {
    }

    /**
     * A header count that must equal the number of details, or the number of distinct values of a detail tag.
     *
     * @param headerTag e.g. {@code AllNum}, {@code DeptNum}
     * @param distinctDetailTag {@code null} to count details; else the tag whose distinct values are counted
     * @param code the problem code when they differ
     */
    public record Count(String headerTag, String distinctDetailTag, String code) {
    }

    /** A detail field that, when present, must equal a header field (DETAIL_BILL_MISMATCH otherwise). */
    public record Link(String detailTag, String headerTag) {
    }

    /**
     * On a receipt, an amount of 0.00 means the payment failed, and then one of the reason tags must be
     * present (RECEIPT_FIELD_MISSING at the first reason tag otherwise).
     *
     * @param inDetails the amount and reasons are detail fields (per line) rather than header fields
     */
    public record FailureReason(boolean inDetails, String amountTag, List<String> reasonTags) {
        public FailureReason {
            reasonTags = List.copyOf(reasonTags);
        }
    }

    private final String vtCode;
    private final String name;
    private final VoucherFamily family;
    private final List<FieldDef> header;
    private final List<FieldDef> detail;
    private final Map<String, FieldDef> headerByTag;
    private final Map<String, FieldDef> detailByTag;
    private final Map<String, String> aliases;
    private final List<Total> totals;
    private final List<Count> counts;
    private final List<Link> links;
    private final boolean detailsRequired;
    private final List<String> requiredWithoutDetails;
    private final List<String> agencyTags;
    private final boolean refuseZeroSingleDetail;
    private final boolean batchNeedsPayeeBankNo;
    private final List<FailureReason> failureReasons;
    private final Map<String, FieldDef> carriedHeader;
    private final Map<String, FieldDef> carriedDetail;

    private VoucherType(Builder b) {
        this.vtCode = Objects.requireNonNull(b.vtCode, "vtCode");
        this.name = b.name == null ? vtCode : b.name;
        this.family = Objects.requireNonNull(b.family, "family");
        this.header = List.copyOf(b.header);
        this.detail = List.copyOf(b.detail);
        this.headerByTag = index(header, "header of " + vtCode);
        this.detailByTag = index(detail, "detail of " + vtCode);
        this.aliases = Collections.unmodifiableMap(new LinkedHashMap<>(b.aliases));
        this.totals = List.copyOf(b.totals);
        this.counts = List.copyOf(b.counts);
        this.links = List.copyOf(b.links);
        this.detailsRequired = b.detailsRequired;
        this.requiredWithoutDetails = List.copyOf(b.requiredWithoutDetails);
        this.agencyTags = List.copyOf(b.agencyTags);
        this.refuseZeroSingleDetail = b.refuseZeroSingleDetail;
        this.batchNeedsPayeeBankNo = b.batchNeedsPayeeBankNo;
        this.failureReasons = List.copyOf(b.failureReasons);
        this.carriedHeader = carried(b.carriedHeader, headerByTag);
        this.carriedDetail = carried(b.carriedDetail, detailByTag);
        for (String tag : List.of(FiscalVoucher.ID, FiscalVoucher.VT_CODE, FiscalVoucher.VOUCHER_NO)) {
            if (!headerByTag.containsKey(tag)) {
                throw new IllegalArgumentException("the header of " + vtCode + " lacks the core tag " + tag);
            }
        }
        for (Total t : totals) {
            requireKind(headerByTag, t.headerTag(), FieldKind.AMOUNT);
            requireKind(detailByTag, t.detailTag(), FieldKind.AMOUNT);
        }
        for (Count c : counts) {
            requireKind(headerByTag, c.headerTag(), FieldKind.TEXT);
            if (c.distinctDetailTag() != null) {
                requireKind(detailByTag, c.distinctDetailTag(), FieldKind.TEXT);
            }
        }
        for (Link l : links) {
            requireKind(detailByTag, l.detailTag(), FieldKind.TEXT);
            requireKind(headerByTag, l.headerTag(), FieldKind.TEXT);
        }
        for (FailureReason r : failureReasons) {
            Map<String, FieldDef> table = r.inDetails() ? detailByTag : headerByTag;
            requireKind(table, r.amountTag(), FieldKind.AMOUNT);
            r.reasonTags().forEach(t -> requireKind(table, t, FieldKind.TEXT));
        }
        for (String t : requiredWithoutDetails) {
            if (!headerByTag.containsKey(t)) {
                throw new IllegalArgumentException("type " + vtCode + ": " + t + " is not a header field");
            }
        }
        agencyTags.forEach(t -> requireKind(detailByTag, t, FieldKind.TEXT));
    }

    /** The carried fields a table does not model itself (a tag the table has is the table's). */
    private static Map<String, FieldDef> carried(List<FieldDef> fields, Map<String, FieldDef> table) {
        Map<String, FieldDef> out = new LinkedHashMap<>();
        for (FieldDef f : fields) {
            if (!table.containsKey(f.tag())) {
                out.putIfAbsent(f.tag(), f);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private static Map<String, FieldDef> index(List<FieldDef> fields, String what) {
        Map<String, FieldDef> out = new LinkedHashMap<>();
        for (FieldDef f : fields) {
            if (out.put(f.tag(), f) != null) {
                throw new IllegalArgumentException(f.tag() + " appears twice in the " + what);
            }
        }
        return Collections.unmodifiableMap(out);
    }

    private void requireKind(Map<String, FieldDef> table, String tag, FieldKind kind) {
        FieldDef f = table.get(tag);
        if (f == null || f.kind() != kind) {
            throw new IllegalArgumentException("type " + vtCode + ": a rule names " + tag + ", which is not a " + kind + " field of its table");
        }
    }

    public static Builder builder(String vtCode, String name, VoucherFamily family) {
        return new Builder(vtCode, name, family);
    }

    /** A builder holding this type's tables and rules, e.g. to derive a regional variant under another VtCode. */
    public Builder toBuilder() {
        Builder b = new Builder(vtCode, name, family);
        b.header.addAll(header);
        b.detail.addAll(detail);
        b.aliases.putAll(aliases);
        b.totals.addAll(totals);
        b.counts.addAll(counts);
        b.links.addAll(links);
        b.detailsRequired = detailsRequired;
        b.requiredWithoutDetails.addAll(requiredWithoutDetails);
        b.agencyTags.addAll(agencyTags);
        b.refuseZeroSingleDetail = refuseZeroSingleDetail;
        b.batchNeedsPayeeBankNo = batchNeedsPayeeBankNo;
        b.failureReasons.addAll(failureReasons);
        b.carriedHeader.addAll(carriedHeader.values());
        b.carriedDetail.addAll(carriedDetail.values());
        return b;
    }

    /** A new voucher of this type with VtCode already set. */
    public FiscalVoucher.Builder newVoucher() {
        return FiscalVoucher.builder(this).text(FiscalVoucher.VT_CODE, vtCode);
    }

    /** A new detail for a voucher of this type. */
    public FiscalDetail.Builder newDetail() {
        return FiscalDetail.builder(this);
    }

    /** The four-digit VtCode (凭证类型编号). */
    public String vtCode() {
        return vtCode;
    }

    /** The standard's name of the type (e.g. 授权支付清算额度通知单). */
    public String name() {
        return name;
    }

    public VoucherFamily family() {
        return family;
    }

    /** Header tags in the order they are written. */
    public List<FieldDef> header() {
        return header;
    }

    /** Detail tags ({@code DetailList/Detail}) in the order they are written. */
    public List<FieldDef> detail() {
        return detail;
    }

    /** Header tag to definition, in table order. */
    Map<String, FieldDef> headerTable() {
        return headerByTag;
    }

    /** Detail tag to definition, in table order. */
    Map<String, FieldDef> detailTable() {
        return detailByTag;
    }

    public Optional<FieldDef> headerField(String tag) {
        return Optional.ofNullable(headerByTag.get(tag));
    }

    public Optional<FieldDef> detailField(String tag) {
        return Optional.ofNullable(detailByTag.get(tag));
    }

    /**
     * Legacy or misspelt tags read as a modelled one (old ExpEcoCode as DepExpEcoCode, ITFE's XpayAmt as
     * XPayAmt), in header and details alike; a LEGACY_FIELD_MAPPED warning says so.
     */
    public Map<String, String> aliases() {
        return aliases;
    }

    public List<Total> totals() {
        return totals;
    }

    public List<Count> counts() {
        return counts;
    }

    public List<Link> links() {
        return links;
    }

    /** A voucher of this type without details is refused (DETAIL_LIST_EMPTY). */
    public boolean detailsRequired() {
        return detailsRequired;
    }

    /** Header tags required only when there are no details (the header then names the one payee). */
    public List<String> requiredWithoutDetails() {
        return requiredWithoutDetails;
    }

    /**
     * Detail tags that identify an agency, first present wins; when not empty, the detail limit counts per
     * agency and the number of agencies is limited too (5106: fewer than 500 lines per agency and fewer
     * than 1000 agencies, ITFE's limits). Empty: the limit counts the details of the whole voucher.
     */
    public List<String> agencyTags() {
        return agencyTags;
    }

    /** A voucher whose first total is 0.00 with exactly one detail is refused (ITFE on 5106). */
    public boolean refuseZeroSingleDetail() {
        return refuseZeroSingleDetail;
    }

    /**
     * When the header's BusinessTypeCode is a batch code ({@link FiscalReadOptions#batchBusinessTypeCodes()}),
     * every detail needs a PayeeAcctBankNo (ITFE refuses a blank bank number for batches).
     */
    public boolean batchNeedsPayeeBankNo() {
        return batchNeedsPayeeBankNo;
    }

    public List<FailureReason> failureReasons() {
        return failureReasons;
    }

    /**
     * Header fields real vouchers carry that the hub does not interpret (ExpFuncCode1–3, ClearBank*, TaxBillNo,
     * ForeignAmt, TreCode, …): recognised, checked against their {@link FieldLimit}, kept as text in document
     * order and written back (a receipt echoes them), never FIELD_UNLISTED.
     */
    public Map<String, FieldDef> carriedHeader() {
        return carriedHeader;
    }

    /** Detail fields carried the same way (PayKindCode, MOFDepCode, ReceiverCode, …). */
    public Map<String, FieldDef> carriedDetail() {
        return carriedDetail;
    }

    /** The XSD of the hub's for this type's family, {@code null} when there is none. */
    public String schema() {
        return family.schema();
    }

    @Override
    public String toString() {
        return "VoucherType[" + vtCode + " " + name + ", " + family + "]";
    }

    /** Builds a {@link VoucherType}; rules name tags of the tables and are checked when built. */
    public static final class Builder {
        private String vtCode;
        private String name;
        private VoucherFamily family;
        private final List<FieldDef> header = new ArrayList<>();
        private final List<FieldDef> detail = new ArrayList<>();
        private final Map<String, String> aliases = new LinkedHashMap<>();
        private final List<Total> totals = new ArrayList<>();
        private final List<Count> counts = new ArrayList<>();
        private final List<Link> links = new ArrayList<>();
        private boolean detailsRequired;
        private final List<String> requiredWithoutDetails = new ArrayList<>();
        private final List<String> agencyTags = new ArrayList<>();
        private boolean refuseZeroSingleDetail;
        private boolean batchNeedsPayeeBankNo;
        private final List<FailureReason> failureReasons = new ArrayList<>();
        private final List<FieldDef> carriedHeader = new ArrayList<>();
        private final List<FieldDef> carriedDetail = new ArrayList<>();

        private Builder(String vtCode, String name, VoucherFamily family) {
            this.vtCode = vtCode;
            this.name = name;
            this.family = family;
        }

        /** The same tables and rules under another VtCode and name (5108 from 5106, 2252 from 2203). */
        public Builder vtCode(String newVtCode, String newName) {
            this.vtCode = newVtCode;
            this.name = newName;
            return this;
        }

        public Builder header(List<FieldDef> fields) {
            header.addAll(fields);
            return this;
        }

        public Builder header(FieldDef... fields) {
            return header(List.of(fields));
        }

        public Builder detail(List<FieldDef> fields) {
            detail.addAll(fields);
            return this;
        }

        public Builder detail(FieldDef... fields) {
            return detail(List.of(fields));
        }

        /** Replaces the definition of a header tag already in the table (e.g. to make it required). */
        public Builder replaceHeader(FieldDef field) {
            replace(header, field);
            return this;
        }

        public Builder replaceDetail(FieldDef field) {
            replace(detail, field);
            return this;
        }

        private static void replace(List<FieldDef> table, FieldDef field) {
            for (int i = 0; i < table.size(); i++) {
                if (table.get(i).tag().equals(field.tag())) {
                    table.set(i, field);
                    return;
                }
            }
            throw new IllegalArgumentException(field.tag() + " is not in the table");
        }

        /** Inserts header fields right after {@code afterTag} (2302's refund fields after 2301's MoneyCorpCode). */
        public Builder insertHeaderAfter(String afterTag, FieldDef... fields) {
            for (int i = 0; i < header.size(); i++) {
                if (header.get(i).tag().equals(afterTag)) {
                    header.addAll(i + 1, List.of(fields));
                    return this;
                }
            }
            throw new IllegalArgumentException(afterTag + " is not in the header table");
        }

        public Builder alias(String legacyTag, String tag) {
            aliases.put(legacyTag, tag);
            return this;
        }

        public Builder total(String headerTag, String detailTag, String code) {
            totals.add(new Total(headerTag, detailTag, code, false));
            return this;
        }

        public Builder receiptTotal(String headerTag, String detailTag, String code) {
            totals.add(new Total(headerTag, detailTag, code, true));
            return this;
        }

        public Builder count(String headerTag, String distinctDetailTag, String code) {
            counts.add(new Count(headerTag, distinctDetailTag, code));
            return this;
        }

        public Builder link(String detailTag, String headerTag) {
            links.add(new Link(detailTag, headerTag));
            return this;
        }

        public Builder detailsRequired(boolean required) {
            this.detailsRequired = required;
            return this;
        }

        public Builder requiredWithoutDetails(String... tags) {
            requiredWithoutDetails.addAll(List.of(tags));
            return this;
        }

        public Builder limitPerAgency(String... tags) {
            agencyTags.clear();
            agencyTags.addAll(List.of(tags));
            return this;
        }

        public Builder limitPerVoucher() {
            agencyTags.clear();
            return this;
        }

        public Builder refuseZeroSingleDetail(boolean refuse) {
            this.refuseZeroSingleDetail = refuse;
            return this;
        }

        public Builder batchNeedsPayeeBankNo(boolean needs) {
            this.batchNeedsPayeeBankNo = needs;
            return this;
        }

        public Builder failureReason(boolean inDetails, String amountTag, String... reasonTags) {
            failureReasons.add(new FailureReason(inDetails, amountTag, List.of(reasonTags)));
            return this;
        }

        /** Header fields carried without being interpreted (see {@link VoucherType#carriedHeader()}). */
        public Builder carriedHeader(List<FieldDef> fields) {
            carriedHeader.addAll(fields);
            return this;
        }

        /** Detail fields carried without being interpreted. */
        public Builder carriedDetail(List<FieldDef> fields) {
            carriedDetail.addAll(fields);
            return this;
        }

        /** @throws IllegalArgumentException when a rule names a tag its table lacks, or a tag is defined twice */
        public VoucherType build() {
            return new VoucherType(this);
        }
    }
}
