package org.jincai.bank.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jincai.bank.TestProfiles;
import org.jincai.bank.file.BankFileException;
import org.junit.jupiter.api.Test;

class IsoOutputTest {

    private final byte[] payroll = new Pain001FileWriter(TestProfiles.iso(), IsoBankFiles.MORNING).render(IsoBankFiles.payroll());

    @Test
    void aValidDocumentIsHandedOutAsItIs() {
        assertThat(IsoOutput.requireValid(payroll, "pain.001.001.09", "pain.001.001.09", "x.xml")).isSameAs(payroll);
    }

    @Test
    void aDocumentTheXsdRefusesIsNeverHandedOut() {
        byte[] tooLongId = new String(payroll, StandardCharsets.UTF_8)
                .replace("<MsgId>B0002-001</MsgId>", "<MsgId>" + "B".repeat(36) + "</MsgId>").getBytes(StandardCharsets.UTF_8);

        assertThatThrownBy(() -> IsoOutput.requireValid(tooLongId, "pain.001.001.09", "pain.001.001.09", "x.xml"))
                .isInstanceOfSatisfying(BankFileException.class, e -> {
                    assertThat(e.code()).isEqualTo(IsoBankErrors.ISO_OUTPUT_INVALID);
                    assertThat(e.problem().location()).matches("x\\.xml:\\d+:\\d+");
                });
    }

    @Test
    void aDocumentValidatedAsItIsWrittenReachesItsDestinationWhole() throws Exception {
        ByteArrayOutputStream destination = new ByteArrayOutputStream();

        try (IsoOutput.Validated out = IsoOutput.validating(destination, "pain.001.001.09", "pain.001.001.09", "x.xml")) {
            for (int i = 0; i < payroll.length; i += 100) {
                out.write(payroll, i, Math.min(100, payroll.length - i));
            }
            out.finish();
        }

        assertThat(destination.toByteArray()).isEqualTo(payroll);
    }

    @Test
    void aDocumentTheXsdRefusesWhileItIsWrittenIsReportedAtItsEnd() throws Exception {
        byte[] tooLongId = new String(payroll, StandardCharsets.UTF_8)
                .replace("<MsgId>B0002-001</MsgId>", "<MsgId>" + "B".repeat(36) + "</MsgId>").getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream destination = new ByteArrayOutputStream();

        try (IsoOutput.Validated out = IsoOutput.validating(destination, "pain.001.001.09", "pain.001.001.09", "x.xml")) {
            out.write(tooLongId);
            assertThatThrownBy(out::finish).isInstanceOfSatisfying(BankFileException.class,
                    e -> assertThat(e.code()).isEqualTo(IsoBankErrors.ISO_OUTPUT_INVALID));
        }
    }

    @Test
    void aDocumentAbandonedHalfWayEndsItsValidator() throws Exception {
        IsoOutput.Validated out = IsoOutput.validating(new ByteArrayOutputStream(), "pain.001.001.09", "pain.001.001.09",
                "x.xml");
        out.write(payroll, 0, payroll.length / 2);

        out.close();

        assertThat(Thread.getAllStackTraces().keySet()).noneMatch(t -> t.getName().equals("iso-output-xsd") && t.isAlive());
    }
}
