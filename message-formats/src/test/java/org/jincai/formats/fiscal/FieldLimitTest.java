package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.bodyWithXml;
import static org.jincai.formats.fiscal.TestVouchers.valid;

import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

/**
 * Issue 7's findings, each refused with its code and location before anything is stored: a VoucherNo that is a
 * path, a missing PayBankCode, a payee name, an account and a VoucherNo longer than their columns, an amount
 * beyond any budget.
 */
class FieldLimitTest {

    private static final String VOUCHER = "envelope body 1 / voucher HB2026112700001";

    private static String validXml() {
        return new String(new PaymentVoucherWriter().write(valid().build()), GBK);
    }

    private static List<Tuple> errors(VoucherBody body) {
        return new PaymentVoucherReader().read(body).errors().stream().map(p -> new Tuple(p.code(), p.location())).toList();
    }

    @Test
    void aVoucherNoThatIsAPathIsRefusedInTheVoucherAndInTheEnvelope() {
        String xml = validXml().replace("<VoucherNo>HB2026112700001</VoucherNo>", "<VoucherNo>../../etc/pw1</VoucherNo>");
        VoucherBody body = new VoucherBody(1, "420000", "2026", "5201", "../../etc/pw1", 0, null, "", xml.getBytes(GBK), List.of(),
                List.of());

        assertThat(errors(body)).contains(
                new Tuple(FiscalCodes.FIELD_FORMAT, "envelope body 1 / @VoucherNo"),
                new Tuple(FiscalCodes.FIELD_FORMAT, "envelope body 1 / voucher ../../etc/pw1 / VoucherNo"));
    }

    @Test
    void aMissingPayBankCodeIsAMissingField() {
        assertThat(errors(bodyWithXml(validXml().replaceFirst("<PayBankCode>[^<]*</PayBankCode>\n", ""))))
                .containsExactly(new Tuple(FiscalCodes.MISSING_FIELD, VOUCHER + " / PayBankCode"));
    }

    @Test
    void valuesLongerThanTheirColumnsAreTooLong() {
        String xml = validXml()
                .replace("<PayeeAcctName>李堃</PayeeAcctName>", "<PayeeAcctName>" + "李".repeat(300) + "</PayeeAcctName>")
                .replace("<PayAcctNo>9558800000000001</PayAcctNo>", "<PayAcctNo>" + "9".repeat(60) + "</PayAcctNo>");

        assertThat(errors(bodyWithXml(xml))).containsExactlyInAnyOrder(
                new Tuple(FiscalCodes.FIELD_TOO_LONG, VOUCHER + " / PayAcctNo"),
                new Tuple(FiscalCodes.FIELD_TOO_LONG, VOUCHER + " / detail HB2026112700001-2 / PayeeAcctName"));
    }

    @Test
    void aVoucherNoOf45CharactersIsTooLong() {
        String no = "HB" + "1".repeat(43);
        String xml = validXml().replace("HB2026112700001", no);
        VoucherBody body = new VoucherBody(1, "420000", "2026", "5201", no, 0, null, "", xml.getBytes(GBK), List.of(), List.of());

        assertThat(errors(body)).extracting(t -> (String) t.toList().get(0)).containsOnly(FiscalCodes.FIELD_TOO_LONG);
    }

    @Test
    void anAmountBeyondThirteenIntegerDigitsIsTooLong() {
        String xml = validXml().replace("<PayAmt>1500.50</PayAmt>", "<PayAmt>12345678901234.00</PayAmt>");

        assertThat(errors(bodyWithXml(xml))).containsExactly(new Tuple(FiscalCodes.FIELD_TOO_LONG, VOUCHER + " / PayAmt"));
    }

    @Test
    void aNameWithAControlCharacterIsOfTheWrongSyntax() {
        String xml = validXml().replace("<PayeeAcctName>李堃</PayeeAcctName>", "<PayeeAcctName>李&#9;堃</PayeeAcctName>");

        assertThat(errors(bodyWithXml(xml)))
                .containsExactly(new Tuple(FiscalCodes.FIELD_FORMAT, VOUCHER + " / detail HB2026112700001-2 / PayeeAcctName"));
    }

    @Test
    void theLimitsNeverExceedTheColumnsTheIntakeStoresInto() {
        assertThat(FieldLimit.forTag("VoucherNo", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(40);
        assertThat(FieldLimit.forTag("AgencyCode", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(30);
        assertThat(FieldLimit.forTag("PayBankCode", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(20);
        assertThat(FieldLimit.forTag("PayAcctNo", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(40);
        assertThat(FieldLimit.forTag("PayeeAcctNo", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(40);
        assertThat(FieldLimit.forTag("PayeeAcctName", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(200);
        assertThat(FieldLimit.forTag("PayeeAcctBankName", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(200);
        assertThat(FieldLimit.forTag("PayeeAcctBankNo", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(20);
        assertThat(FieldLimit.forTag("Id", FieldKind.TEXT).maxLength()).isLessThanOrEqualTo(64);
        assertThat(VoucherTypes.DIRECT_PAYMENT.headerField("PayBankCode").orElseThrow().presence()).isEqualTo(FieldDef.Presence.REQUIRED);
    }
}
