package org.jincai.routes.bank;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** Hand-built camt.053.001.08 statements and camt.054.001.08 notifications as a bank sends them, for the routes' tests. */
final class CamtFiles {

    /** One TxDtls: its EndToEndId and, unless null, its own amount. */
    record Tx(String endToEndId, BigDecimal amount) {
    }

    /** One Ntry; {@code batchMessageId} (Btch MsgId and PmtInfId), the amount and the CdtDbtInd may be left out with null. */
    record Entry(String ref, String status, BigDecimal amount, String creditDebit, String batchMessageId, List<Tx> txs) {
    }

    private CamtFiles() {
    }

    static byte[] statement(String id, Entry... entries) {
        return document("camt.053.001.08", "BkToCstmrStmt", "Stmt", id, entries);
    }

    static byte[] notification(String id, Entry... entries) {
        return document("camt.054.001.08", "BkToCstmrDbtCdtNtfctn", "Ntfctn", id, entries);
    }

    private static byte[] document(String message, String root, String block, String id, Entry... entries) {
        StringBuilder b = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<Document xmlns=\"urn:iso:std:iso:20022:tech:xsd:").append(message).append("\">\n")
                .append("<").append(root).append("><GrpHdr><MsgId>").append(id).append("</MsgId>")
                .append("<CreDtTm>2026-12-01T18:00:00+08:00</CreDtTm></GrpHdr>\n")
                .append("<").append(block).append("><Id>").append(id).append("</Id>")
                .append("<CreDtTm>2026-12-01T18:00:00+08:00</CreDtTm>")
                .append("<Acct><Id><Othr><Id>110060149018000017</Id></Othr></Id><Ccy>CNY</Ccy></Acct>\n");
        for (Entry e : entries) {
            b.append(entry(e));
        }
        b.append("</").append(block).append("></").append(root).append("></Document>\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    static String entry(Entry e) {
        StringBuilder b = new StringBuilder("<Ntry>");
        if (e.amount() != null) {
            b.append("<Amt Ccy=\"CNY\">").append(e.amount().toPlainString()).append("</Amt>");
        }
        if (e.creditDebit() != null) {
            b.append("<CdtDbtInd>").append(e.creditDebit()).append("</CdtDbtInd>");
        }
        b.append("<Sts><Cd>").append(e.status()).append("</Cd></Sts>")
                .append("<BookgDt><Dt>2026-12-01</Dt></BookgDt><ValDt><Dt>2026-12-01</Dt></ValDt>")
                .append("<AcctSvcrRef>").append(e.ref()).append("</AcctSvcrRef>")
                .append("<BkTxCd><Domn><Cd>PMNT</Cd><Fmly><Cd>ICDT</Cd><SubFmlyCd>DMCT</SubFmlyCd></Fmly></Domn></BkTxCd>");
        if (e.batchMessageId() != null || !e.txs().isEmpty()) {
            b.append("<NtryDtls>");
            if (e.batchMessageId() != null) {
                b.append("<Btch><MsgId>").append(e.batchMessageId()).append("</MsgId><PmtInfId>")
                        .append(e.batchMessageId()).append("</PmtInfId><NbOfTxs>").append(e.txs().size())
                        .append("</NbOfTxs></Btch>");
            }
            for (Tx t : e.txs()) {
                b.append("<TxDtls><Refs><EndToEndId>").append(t.endToEndId()).append("</EndToEndId></Refs>");
                if (t.amount() != null) {
                    b.append("<Amt Ccy=\"CNY\">").append(t.amount().toPlainString()).append("</Amt>");
                }
                b.append("</TxDtls>");
            }
            b.append("</NtryDtls>");
        }
        return b.append("</Ntry>\n").toString();
    }
}
