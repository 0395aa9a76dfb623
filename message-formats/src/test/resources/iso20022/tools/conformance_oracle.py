#!/usr/bin/env python3
"""Independent oracle for IsoConformanceTest: counts and sums of every sample, computed with Python's
ElementTree (not the hub's code), printed as the Java rows the test hard-codes.

Usage: python3 conformance_oracle.py message-formats/src/test/resources/iso20022/samples
Rules (from the issue): camt.053/054 statements = Stmt (Ntfctn), entries = Ntry, credit/debit = sum of
Ntry/Amt by Ccy and CdtDbtInd; pain.001 = PmtInf, CdtTrfTxInf, sum of Amt/InstdAmt (or Amt/EqvtAmt/Amt);
pain.002 = TxInfAndSts by TxSts (absent: the block's PmtInfSts, else the group's GrpSts).
"""
import os, sys, xml.etree.ElementTree as ET
from decimal import Decimal

def local(tag):
    return tag.rsplit('}', 1)[-1]

def children(e, name):
    return [c for c in e if local(c.tag) == name]

def child(e, name):
    c = children(e, name)
    return c[0] if c else None

def amounts(d):
    return ', '.join('"%s", "%s"' % (k, v) for k, v in sorted(d.items()))

root_dir = sys.argv[1]
for typ in ('camt.053', 'camt.054', 'pain.001', 'pain.002'):
    for name in sorted(os.listdir(os.path.join(root_dir, typ))):
        if not name.endswith('.xml'):
            continue
        doc = ET.parse(os.path.join(root_dir, typ, name)).getroot()
        msg = doc[0]
        if typ.startswith('camt'):
            stmts = [s for s in msg if local(s.tag) in ('Stmt', 'Ntfctn')]
            credit, debit, n = {}, {}, 0
            for s in stmts:
                for e in children(s, 'Ntry'):
                    n += 1
                    amt = child(e, 'Amt')
                    ccy = amt.get('Ccy')
                    v = Decimal(amt.text.strip())
                    side = credit if child(e, 'CdtDbtInd').text.strip() == 'CRDT' else debit
                    side[ccy] = side.get(ccy, Decimal(0)) + v
            norm = lambda d: {k: (v.quantize(Decimal('0.01')) if k != 'JPY' else v) for k, v in d.items()}
            print('row("%s/%s", %d, %d, map(%s), map(%s)),' % (typ, name, len(stmts), n, amounts(norm(credit)), amounts(norm(debit))))
        elif typ == 'pain.001':
            pmts = children(msg, 'PmtInf')
            txs = [t for p in pmts for t in children(p, 'CdtTrfTxInf')]
            total = Decimal(0)
            for t in txs:
                a = child(t, 'Amt')
                v = child(a, 'InstdAmt')
                if v is None:
                    v = child(child(a, 'EqvtAmt'), 'Amt')
                total += Decimal(v.text.strip())
            msgid = child(child(msg, 'GrpHdr'), 'MsgId').text.strip()
            print('row("%s/%s", "%s", %d, %d, "%s"),' % (typ, name, msgid, len(pmts), len(txs), total))
        else:
            grp = child(msg, 'OrgnlGrpInfAndSts')
            gs = child(grp, 'GrpSts')
            gs = gs.text.strip() if gs is not None else None
            counts = {}
            def add(tx, fallback):
                s = child(tx, 'TxSts')
                s = s.text.strip() if s is not None else fallback
                counts[s] = counts.get(s, 0) + 1
            for p in children(msg, 'OrgnlPmtInfAndSts'):
                ps = child(p, 'PmtInfSts')
                ps = ps.text.strip() if ps is not None else gs
                for tx in children(p, 'TxInfAndSts'):
                    add(tx, ps)
            for tx in children(msg, 'TxInfAndSts'):
                add(tx, gs)
            om = child(grp, 'OrgnlMsgId')
            om = om.text.strip() if om is not None else None
            print('row("%s/%s", %s, %s, Map.of(%s)),' % (typ, name, '"%s"' % om if om else 'null', '"%s"' % gs if gs else 'null',
                  ', '.join('"%s", %d' % (k, v) for k, v in sorted(counts.items()))))
