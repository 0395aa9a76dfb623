package org.jincai.formats.fiscal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jincai.formats.fiscal.TestVouchers.GBK;
import static org.jincai.formats.fiscal.TestVouchers.codes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.jincai.formats.FormatException;
import org.jincai.formats.Problem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hub's XSDs of the inner vouchers: equal to what the field tables generate, used by strict mode, and
 * never processing a DTD. (That every voucher the writer produces validates is in {@link TypesRoundTripPropertyTest}.)
 */
class FiscalSchemaTest {

    private static final Path SOURCE = Path.of("src/main/resources/org/jincai/formats/fiscal/xsd");

    @ParameterizedTest
    @EnumSource(value = VoucherFamily.class, names = "OTHER", mode = EnumSource.Mode.EXCLUDE)
    void theBundledXsdIsTheOneTheTablesGenerate(VoucherFamily family) throws IOException {
        String expected = FiscalXsdGenerator.xsd(family);
        if (Boolean.getBoolean("jincai.fiscal.regenerateXsd")) {
            Files.createDirectories(SOURCE);
            Files.writeString(SOURCE.resolve(family.schema()), expected, StandardCharsets.UTF_8);
        }
        try (InputStream in = Objects.requireNonNull(FiscalSchemas.resource(family), family.schema()).openStream()) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8)).isEqualTo(expected);
        }
    }

    @Test
    void everyStandardTypeHasAnXsd() {
        assertThat(VoucherTypes.standard().all()).allSatisfy(t -> assertThat(FiscalSchemas.resource(t.family())).isNotNull());
        assertThat(Arrays.stream(VoucherFamily.values()).filter(f -> f != VoucherFamily.OTHER))
                .allSatisfy(f -> assertThat(FiscalSchemas.resource(f)).isNotNull());
    }

    @Test
    void aWrittenVoucherValidates() {
        byte[] xml = new FiscalVoucherWriter().write(TypeFixtures.quotaNotice().build());

        assertThat(FiscalSchemas.validate(xml, VoucherTypes.AUTHORIZED_CLEARING_QUOTA, "q")).isEmpty();
    }

    @Test
    void anUnknownTagABadDateAndAMissingRequiredFieldAreSchemaErrors() {
        String xml = new String(new FiscalVoucherWriter().write(TypeFixtures.quotaNotice().build()), GBK)
                .replace("<VouDate>20261127</VouDate>", "<VouDate>2026-11-27</VouDate><Surprise>1</Surprise>")
                .replaceFirst("<TreCode>[^<]*</TreCode>\n", "");

        List<Problem> problems = FiscalSchemas.validate(xml.getBytes(GBK), VoucherTypes.AUTHORIZED_CLEARING_QUOTA, "q");

        assertThat(problems).isNotEmpty().allSatisfy(p -> {
            assertThat(p.code()).isEqualTo(FiscalCodes.XSD_INVALID);
            assertThat(p.location()).matches("q / \\d+:\\d+");
        });
    }

    @Test
    void strictModeReportsSchemaErrorsLenientModeKeepsTheUnknownTag() {
        String xml = new String(new FiscalVoucherWriter().write(TypeFixtures.quotaNotice().build()), GBK)
                .replace("<TreCode>", "<Surprise>kept</Surprise>\n<TreCode>");
        VoucherBody body = TypeFixtures.body(VoucherTypes.AUTHORIZED_CLEARING_QUOTA, xml.getBytes(GBK));

        FiscalReadResult lenient = new FiscalVoucherReader().read(body);
        FiscalReadResult strict = new FiscalVoucherReader(FiscalReadOptions.defaults().withStrictSchema(true)).read(body);

        assertThat(lenient.errors()).isEmpty();
        assertThat(lenient.voucher().otherFields()).containsEntry("Surprise", "kept");
        assertThat(codes(strict.errors())).containsOnly(FiscalCodes.XSD_INVALID);
        assertThat(strict.voucher()).isEqualTo(lenient.voucher());
    }

    @Test
    void theWriterCanRefuseWhatItsOwnSchemaRejects() {
        FiscalVoucher withUnknownTag = TypeFixtures.quotaNotice().otherField("Surprise", "x").build();
        FiscalVoucherWriter validating = new FiscalVoucherWriter(FiscalWriteOptions.defaults().withValidateSchema(true));

        assertThat(new FiscalVoucherWriter().write(withUnknownTag)).isNotEmpty();
        assertThatThrownBy(() -> validating.write(withUnknownTag))
                .isInstanceOfSatisfying(FormatException.class, e -> assertThat(e.code()).isEqualTo(FiscalCodes.XSD_INVALID));
    }

    @Test
    void aLegacyWriterStillValidates() {
        byte[] legacy = new PaymentVoucherWriter(new FiscalWriteOptions(true)).write(TestVouchers.valid().build());

        assertThat(new String(legacy, GBK)).contains("<ExpEcoCode>");
        assertThat(FiscalSchemas.validate(legacy, VoucherTypes.DIRECT_PAYMENT, "p")).isEmpty();
    }

    @Test
    void aDtdIsRefusedBeforeTheValidatorSeesIt() {
        String xxe = "<?xml version=\"1.0\" encoding=\"GBK\"?>\n<!DOCTYPE Voucher [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n"
                + "<Voucher><Id>&x;</Id></Voucher>";

        List<Problem> problems = FiscalSchemas.validate(xxe.getBytes(GBK), VoucherTypes.CLEARING_REQUEST, "x");

        assertThat(codes(problems)).containsExactly(FiscalCodes.DOCTYPE_NOT_ALLOWED);
        assertThat(problems.get(0).message()).doesNotContain("root:");
    }
}
