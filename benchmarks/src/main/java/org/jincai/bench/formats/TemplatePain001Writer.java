package org.jincai.bench.formats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import org.jincai.formats.iso20022.CreditTransferTransaction;
import org.jincai.formats.iso20022.Pain001GroupHeader;
import org.jincai.formats.iso20022.Pain001PaymentHeader;

/**
 * The benchmark's floor: the same pain.001.001.09 bytes as the hub's writer produces for the
 * benchmark payroll, written as plain string templates to a {@link BufferedWriter} with no checks at
 * all beyond escaping. It is not a writer for production (it validates nothing, knows only the fields
 * the benchmark fills); it shows how fast the bytes can be produced at best.
 */
final class TemplatePain001Writer {

    private TemplatePain001Writer() {
    }

    static void write(OutputStream out, Pain001GroupHeader h, Pain001PaymentHeader p, Iterator<CreditTransferTransaction> txs)
            throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
        w.write("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:pain.001.001.09\">"
                + "\n    <CstmrCdtTrfInitn>\n        <GrpHdr>\n            <MsgId>" + esc(h.messageId()) + "</MsgId>"
                + "\n            <CreDtTm>" + DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(h.creationDateTime()) + "</CreDtTm>"
                + "\n            <NbOfTxs>" + h.numberOfTransactions() + "</NbOfTxs>"
                + "\n            <CtrlSum>" + h.controlSum().toPlainString() + "</CtrlSum>"
                + "\n            <InitgPty>\n                <Nm>" + esc(h.initiatingPartyName()) + "</Nm>\n            </InitgPty>"
                + "\n        </GrpHdr>\n        <PmtInf>\n            <PmtInfId>" + esc(p.paymentInformationId()) + "</PmtInfId>"
                + "\n            <PmtMtd>TRF</PmtMtd>\n            <BtchBookg>" + p.batchBooking() + "</BtchBookg>"
                + "\n            <NbOfTxs>" + p.numberOfTransactions() + "</NbOfTxs>"
                + "\n            <CtrlSum>" + p.controlSum().toPlainString() + "</CtrlSum>"
                + "\n            <ReqdExctnDt>\n                <Dt>" + p.requestedExecutionDate() + "</Dt>\n            </ReqdExctnDt>"
                + "\n            <Dbtr>\n                <Nm>" + esc(p.debtorName()) + "</Nm>\n            </Dbtr>"
                + "\n            <DbtrAcct>\n                <Id>\n                    <Othr>\n                        <Id>"
                + esc(p.debtorAccount()) + "</Id>\n                    </Othr>\n                </Id>\n            </DbtrAcct>"
                + "\n            <DbtrAgt>\n                <FinInstnId>\n                    <ClrSysMmbId>\n                        <ClrSysId>"
                + "\n                            <Cd>CNAPS</Cd>\n                        </ClrSysId>\n                        <MmbId>"
                + p.debtorAgentMemberId() + "</MmbId>\n                    </ClrSysMmbId>\n                </FinInstnId>"
                + "\n            </DbtrAgt>");
        while (txs.hasNext()) {
            CreditTransferTransaction t = txs.next();
            w.write("\n            <CdtTrfTxInf>\n                <PmtId>\n                    <InstrId>" + esc(t.instructionId())
                    + "</InstrId>\n                    <EndToEndId>" + esc(t.endToEndId()) + "</EndToEndId>\n                </PmtId>"
                    + "\n                <Amt>\n                    <InstdAmt Ccy=\"" + t.currency() + "\">" + t.amount().toPlainString()
                    + "</InstdAmt>\n                </Amt>\n                <CdtrAgt>\n                    <FinInstnId>"
                    + "\n                        <ClrSysMmbId>\n                            <ClrSysId>\n                                <Cd>CNAPS</Cd>"
                    + "\n                            </ClrSysId>\n                            <MmbId>" + t.creditorAgentMemberId()
                    + "</MmbId>\n                        </ClrSysMmbId>\n                        <Nm>" + esc(t.creditorAgentName())
                    + "</Nm>\n                    </FinInstnId>\n                </CdtrAgt>\n                <Cdtr>\n                    <Nm>"
                    + esc(t.creditorName()) + "</Nm>\n                </Cdtr>\n                <CdtrAcct>\n                    <Id>"
                    + "\n                        <Othr>\n                            <Id>" + esc(t.creditorAccount())
                    + "</Id>\n                        </Othr>\n                    </Id>\n                </CdtrAcct>"
                    + "\n                <RmtInf>\n                    <Ustrd>" + esc(t.remittanceInformation()) + "</Ustrd>"
                    + "\n                </RmtInf>\n            </CdtTrfTxInf>");
        }
        w.write("\n        </PmtInf>\n    </CstmrCdtTrfInitn>\n</Document>\n");
        w.flush();
    }

    private static String esc(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '&' || c == '<' || c == '>' || c == '"') {
                return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
            }
        }
        return s;
    }
}
