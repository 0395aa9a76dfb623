package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.codes;
import static org.jincai.formats.fiscal.TestVouchers.resource;
import static org.jincai.formats.fiscal.TestVouchers.valid;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jincai.formats.FormatException;
import org.junit.jupiter.api.Test;

/** The MOF envelope: what it keeps, what it refuses, and how inner vouchers are decoded. */
class MofEnvelopeTest {

    private static MofEnvelope read(byte[] bytes) {
        return new MofEnvelopeReader().read(new ByteArrayInputStream(bytes), "test");
    }

    @Test
    void signaturesStampsReasonAndAttachAreKeptUntouched() {
        VoucherBody signed = new VoucherBody(0, "420000", "2026", "8202", "T1", VoucherBody.FLAG_RETURN, "收款人账号不存在&名称不符",
                "SUCCESS", new PaymentVoucherWriter().write(valid().vtCode("8202").voucherNo("T1").build()),
                List.of(new VoucherSignature("cz_dwfz", "3f38e4aaee0c2acb", "MIIBxjCCAS+gAwIBAgIJAK=="),
                        new VoucherSignature("dw_fz", null, "MIIB")),
                List.of(new SignStamp("dw_gz", "STAMP-001")));

        byte[] bytes = new MofEnvelopeWriter().toBytes(List.of(signed));
        MofEnvelope back = read(bytes);

        assertThat(back.bodies()).containsExactly(signed.withIndex(1));
        assertThat(new String(bytes, GBK)).contains("<Return_Reason>收款人账号不存在&amp;名称不符</Return_Reason><Attach>SUCCESS</Attach>",
                "<SignStampList><SignStamp No=\"dw_gz\">STAMP-001</SignStamp></SignStampList>",
                "<Signature No=\"cz_dwfz\" SN=\"3f38e4aaee0c2acb\">MIIBxjCCAS+gAwIBAgIJAK==</Signature>");
        assertThat(new MofEnvelopeWriter().toBytes(back.bodies())).isEqualTo(bytes);
    }

    @Test
    void voucherBodyOfTakesTheRoutingAttributesFromTheVoucher() {
        VoucherBody body = VoucherBody.of(valid().build(), VoucherBody.FLAG_ORIGINAL, null);

        assertThat(body.key()).isEqualTo(new VoucherKey("420000", "2026", "5201", "HB2026112700001", 0));
        assertThat(body.voucherXml()).isEqualTo(new PaymentVoucherWriter().write(valid().build()));
        assertThat(body.attach()).isEmpty();
    }

    @Test
    void aReturnReasonGbkCannotCarryIsRefused() {
        VoucherBody body = VoucherBody.of(valid().build(), VoucherBody.FLAG_RETURN, "账户冻结😀");

        assertThatThrownBy(() -> new MofEnvelopeWriter().toBytes(List.of(body)))
                .isInstanceOfSatisfying(FormatException.class, e -> {
                    assertThat(e.code()).isEqualTo(FiscalCodes.GBK_UNENCODABLE);
                    assertThat(e.problem().location()).isEqualTo("envelope body 1 / voucher HB2026112700001 / Return_Reason");
                });
    }

    @Test
    void anEnvelopeOverTheLimitIsRefused() {
        byte[] example = resource("mof-envelope-5201-8202.xml");

        assertThatThrownBy(() -> new MofEnvelopeReader(4096).read(new ByteArrayInputStream(example), "big"))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.ENVELOPE_TOO_LARGE));
        assertThatThrownBy(() -> FiscalEnvelopes.readPayments(new ByteArrayInputStream(example), "big",
                FiscalReadOptions.defaults().withMaxEnvelopeBytes(100)))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.ENVELOPE_TOO_LARGE));
        assertThat(new MofEnvelopeReader(example.length).read(new ByteArrayInputStream(example), "exact").bodies()).hasSize(3);
    }

    @Test
    void voucherCountMustMatchTheBodies() {
        String xml = new String(new MofEnvelopeWriter().toBytes(List.of(VoucherBody.of(valid().build(), 0, null))), GBK)
                .replace("<VoucherCount>1</VoucherCount>", "<VoucherCount>3</VoucherCount>");

        EnvelopeReadResult r = FiscalEnvelopes.readPayments(new ByteArrayInputStream(xml.getBytes(GBK)), "count");

        assertThat(codes(r.envelopeErrors())).containsExactly(FiscalCodes.VOUCHER_COUNT_MISMATCH);
        assertThat(r.vouchers()).hasSize(1);
        assertThat(r.vouchers().get(0).valid()).isTrue();
        assertThat(r.allValid()).isFalse();
    }

    @Test
    void base64WrappedOverLinesIsAccepted() {
        String xml = new String(new MofEnvelopeWriter().toBytes(List.of(VoucherBody.of(valid().build(), 0, null))), GBK);
        String b64 = xml.substring(xml.indexOf("<Voucher>") + 9, xml.indexOf("</Voucher>"));
        String wrapped = xml.replace(b64, String.join("\r\n", b64.split("(?<=\\G.{76})")));

        assertThat(read(wrapped.getBytes(GBK)).bodies().get(0).voucherXml()).isEqualTo(new PaymentVoucherWriter().write(valid().build()));
    }

    @Test
    void anInnerVoucherWithoutDeclarationIsGbk() {
        String inner = new String(new PaymentVoucherWriter().write(valid().build()), GBK);
        String bare = inner.substring(inner.indexOf("<Voucher>"));

        VoucherReadResult r = readInner(bare.getBytes(GBK));

        assertThat(r.errors()).isEmpty();
        assertThat(r.voucher().agencyName()).isEqualTo("湖北省教育厅机关");
    }

    @Test
    void anInnerVoucherDeclaringGb2312IsReadAsGbk() {
        String inner = new String(new PaymentVoucherWriter().write(valid().build()), GBK).replace("encoding=\"GBK\"", "encoding=\"GB2312\"");

        VoucherReadResult r = readInner(inner.getBytes(GBK));

        assertThat(r.errors()).isEmpty();
        assertThat(r.warnings()).isEmpty();
        assertThat(r.voucher().details().get(1).payeeAcctName()).isEqualTo("李堃"); // 堃 is GBK, not GB2312
    }

    @Test
    void anInnerVoucherDeclaringUtf8IsHonouredWithAWarning() {
        String inner = new String(new PaymentVoucherWriter().write(valid().build()), GBK).replace("encoding=\"GBK\"", "encoding=\"UTF-8\"");

        VoucherReadResult r = readInner(inner.getBytes(StandardCharsets.UTF_8));

        assertThat(r.valid()).isTrue();
        assertThat(codes(r.warnings())).containsExactly(FiscalCodes.VOUCHER_ENCODING_NOT_GBK);
        assertThat(r.voucher().agencyName()).isEqualTo("湖北省教育厅机关");
    }

    @Test
    void gbkBytesUnderAUtf8DeclarationAreRefused() {
        String inner = new String(new PaymentVoucherWriter().write(valid().build()), GBK).replace("encoding=\"GBK\"", "encoding=\"UTF-8\"");

        assertThat(codes(readInner(inner.getBytes(GBK)).errors())).containsExactly(FiscalCodes.VOUCHER_ENCODING_INVALID);
    }

    private static VoucherReadResult readInner(byte[] inner) {
        return new PaymentVoucherReader().read(new VoucherBody(1, "420000", "2026", "5201", "HB2026112700001", 0, null, "", inner,
                List.of(), List.of()));
    }
}
