package org.jincai.formats.iso20022;

import com.prowidesoftware.swift.model.mx.MxPain00200110;
import com.prowidesoftware.swift.model.mx.dic.CustomerPaymentStatusReportV10;
import com.prowidesoftware.swift.model.mx.dic.GroupHeader86;
import com.prowidesoftware.swift.model.mx.dic.OriginalGroupHeader17;
import com.prowidesoftware.swift.model.mx.dic.OriginalPaymentInstruction32;
import com.prowidesoftware.swift.model.mx.dic.PaymentTransaction105;
import com.prowidesoftware.swift.model.mx.dic.StatusReason6Choice;
import com.prowidesoftware.swift.model.mx.dic.StatusReasonInformation12;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a {@link PaymentStatusReport} as pain.002.001.10 through Prowide's model
 * ({@link MxPain00200110}), UTF-8, with a bare {@code <Document xmlns=...>}. The simulated ISO bank
 * answers with it, and tests use it to make status reports a real bank would send.
 *
 * <p>Transactions are grouped under one OrgnlPmtInfAndSts per original payment information id, in
 * the order they first appear. A reason code of up to four characters is an ExternalStatusReason1Code
 * ({@code Rsn/Cd}); a longer one is a bank's proprietary code ({@code Rsn/Prtry}). Additional
 * information longer than Max105Text is split over several AddtlInf at spaces, which
 * {@link Pain002Reader} joins back with a space. Instances are stateless and thread-safe.
 */
public final class Pain002V10Writer {

    public static final String MESSAGE_NAME_ID = "pain.002.001.10";
    /** The original message a pain.002 answers when the report does not say. */
    public static final String DEFAULT_ORIGINAL_MESSAGE_NAME_ID = Pain001V09Writer.MESSAGE_NAME_ID;

    private static final int MAX_ADDITIONAL_INFORMATION = 105;
    private static final int MAX_REASON_CODE = 4;

    public byte[] write(PaymentStatusReport report) {
        return ProwideXml.bareDocument(new MxPain00200110().setCstmrPmtStsRpt(toDocument(report)));
    }

    public void write(PaymentStatusReport report, OutputStream out) {
        byte[] bytes = write(report);
        try {
            out.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    CustomerPaymentStatusReportV10 toDocument(PaymentStatusReport r) {
        String at = "pain.002 " + r.messageId();
        if (IsoText.isBlank(r.messageId())) {
            throw IsoValues.missing("GrpHdr/MsgId", at);
        }
        if (r.creationDateTime() == null) {
            throw IsoValues.missing("GrpHdr/CreDtTm", at);
        }
        if (IsoText.isBlank(r.originalMessageId())) {
            throw IsoValues.missing("OrgnlGrpInfAndSts/OrgnlMsgId", at);
        }
        OriginalGroupHeader17 group = new OriginalGroupHeader17()
                .setOrgnlMsgId(r.originalMessageId())
                .setOrgnlMsgNmId(IsoText.isBlank(r.originalMessageNameId())
                        ? DEFAULT_ORIGINAL_MESSAGE_NAME_ID : r.originalMessageNameId())
                .setGrpSts(IsoText.isBlank(r.groupStatus()) ? null : r.groupStatus());
        StatusReasonInformation12 groupReason = reason(r.groupReasonCode(), r.groupAdditionalInformation());
        if (groupReason != null) {
            group.addStsRsnInf(groupReason);
        }
        CustomerPaymentStatusReportV10 doc = new CustomerPaymentStatusReportV10()
                .setGrpHdr(new GroupHeader86().setMsgId(r.messageId()).setCreDtTm(r.creationDateTime()))
                .setOrgnlGrpInfAndSts(group);

        Map<String, OriginalPaymentInstruction32> blocks = new LinkedHashMap<>();
        int index = 0;
        for (TransactionStatus t : r.transactions()) {
            String txAt = at + " TxInfAndSts[" + ++index + "]";
            if (IsoText.isBlank(t.originalPaymentInformationId())) {
                // pain.002.001.10 reports transactions only inside their original payment information block
                throw IsoValues.missing("OrgnlPmtInfId", txAt);
            }
            if (IsoText.isBlank(t.status())) {
                throw IsoValues.missing("TxSts", txAt);
            }
            PaymentTransaction105 tx = new PaymentTransaction105()
                    .setOrgnlInstrId(IsoText.isBlank(t.originalInstructionId()) ? null : t.originalInstructionId())
                    .setOrgnlEndToEndId(IsoText.isBlank(t.originalEndToEndId()) ? null : t.originalEndToEndId())
                    .setTxSts(t.status());
            StatusReasonInformation12 txReason = reason(t.reasonCode(), t.additionalInformation());
            if (txReason != null) {
                tx.addStsRsnInf(txReason);
            }
            blocks.computeIfAbsent(t.originalPaymentInformationId(),
                    id -> new OriginalPaymentInstruction32().setOrgnlPmtInfId(id)).addTxInfAndSts(tx);
        }
        blocks.values().forEach(doc::addOrgnlPmtInfAndSts);
        return doc;
    }

    private static StatusReasonInformation12 reason(String code, String additionalInformation) {
        boolean hasCode = !IsoText.isBlank(code);
        boolean hasText = !IsoText.isBlank(additionalInformation);
        if (!hasCode && !hasText) {
            return null;
        }
        StatusReasonInformation12 reason = new StatusReasonInformation12();
        if (hasCode) {
            reason.setRsn(code.length() <= MAX_REASON_CODE
                    ? new StatusReason6Choice().setCd(code)
                    : new StatusReason6Choice().setPrtry(code));
        }
        if (hasText) {
            IsoText.split(additionalInformation, MAX_ADDITIONAL_INFORMATION).forEach(reason::addAddtlInf);
        }
        return reason;
    }
}
