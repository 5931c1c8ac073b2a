"""Regenerates vectors.json: `python testdata/payments/generate_vectors.py > testdata/payments/vectors.json`.

An independent computation (plain Python integers, python-stdnum's iso11649 for RF) of the values
the Rust core must reproduce; read by the Rust, Python and Kotlin tests.
"""
import json
from stdnum import iso11649
def chk(s16): return "%02d" % (int(s16) % 93)
def aux3(seg, base): s="3%02d%s"%(seg,base); return s+chk(s)
notices_valid=[]
for seg,base,note in [(12,"0000000000001","first notice of the in-memory gateway (segregation 12, sequence 1)"),
                      (97,"1234567890123","Unioncamere SUAP segregation code"),
                      (0,"0000000000000","all zeros"),
                      (99,"9999999999999","largest aux-3 base")]:
    n=aux3(seg,base)
    notices_valid.append(dict(text=n, aux_digit=3, segregation_code="%02d"%seg, application_code=None, iuv=n[1:], iuv_base=base, check_digits=n[16:], legacy=False, note=note))
n="012"+"3456789012345"; n+=chk(n)
notices_valid.append(dict(text=n, aux_digit=0, segregation_code=None, application_code="12", iuv=n[3:], iuv_base=n[3:16], check_digits=n[16:], legacy=True, note="legacy aux 0 with application code 12"))
n="2"+"123456789012345"; n+=chk(n)
notices_valid.append(dict(text=n, aux_digit=2, segregation_code=None, application_code=None, iuv=n[1:], iuv_base=n[1:16], check_digits=n[16:], legacy=True, note="legacy aux 2"))
n="112345678901234567"
notices_valid.append(dict(text=n, aux_digit=1, segregation_code=None, application_code=None, iuv=n[1:], iuv_base=n[1:], check_digits=None, legacy=True, note="legacy aux 1: no check digits"))
g=notices_valid[1]["text"]; grouped=" ".join(g[i:i+4] for i in range(0,18,4))
notices_valid.append(dict(text=grouped, aux_digit=3, segregation_code="97", application_code=None, iuv=g[1:], iuv_base=g[3:16], check_digits=g[16:], legacy=False, note="printed form, groups of four", value=g))
for v in notices_valid: v.setdefault("value", v["text"])
notices_invalid=[
 dict(text="344012345678901233", part="check_digits", note="io-pagopa-commons test value: structurally valid, check digits wrong (expected 86)"),
 dict(text="302012387654312384", part="check_digits", note="pagopa-api OpenAPI example: check digits wrong (expected 86)"),
 dict(text=g[:17]+str((int(g[17])+1)%10), part="check_digits", note="last digit changed"),
 dict(text="4"+g[1:], part="aux_digit", note="aux digit 4 does not exist"),
 dict(text=g[:17], part="length", note="17 digits"),
 dict(text=g+"0", part="length", note="19 digits"),
 dict(text=g[:5]+"A"+g[6:], part="digits", note="a letter"),
 dict(text="", part="length", note="empty"),
]
rf_valid=[]
for ref in ["w9","539007547034","IUV2024000123","123456789012345678901","1"]:
    # python-stdnum validates RF but has no creator: compute, then let stdnum check
    n="".join(str(int(c,36)) for c in ref.upper())+"271500"
    rfs="RF%02d%s"%(98-int(n)%97, ref.upper())
    assert iso11649.is_valid(rfs), rfs
    rf_valid.append(dict(reference=ref, rf=rfs, print_form=iso11649.format(rfs)))
rf_invalid=[dict(text="RF19539007547034", rule="mod97"), dict(text="RF18539007547035", rule="mod97"),
            dict(text="XX18539007547034", rule="prefix"), dict(text="RF1", rule="length"),
            dict(text="RF18"+"1"*22, rule="length"), dict(text="RF4-w9", rule="characters"), dict(text="RFAB12", rule="check_digits_format")]
for x in rf_invalid: assert not iso11649.is_valid(x["text"])
rf_create_invalid=[dict(reference="", rule="empty"), dict(reference="1"*22, rule="reference_length"), dict(reference="AB-1", rule="characters")]
qr_valid=[
 dict(payload="PAGOPA|002|%s|80014930327|15050"%notices_valid[0]["text"], notice=notices_valid[0]["text"], creditor_cf="80014930327", amount="150.50", canonical="PAGOPA|002|%s|80014930327|15050"%notices_valid[0]["text"], note="unpadded cents (pagoPA generator)"),
 dict(payload="PAGOPA|002|%s|80014930327|0000015050"%notices_valid[0]["text"], notice=notices_valid[0]["text"], creditor_cf="80014930327", amount="150.50", canonical="PAGOPA|002|%s|80014930327|15050"%notices_valid[0]["text"], note="padded to 10 digits: read leniently"),
 dict(payload="PAGOPA|002|%s|97735020584|0005"%g, notice=g, creditor_cf="97735020584", amount="0.05", canonical="PAGOPA|002|%s|97735020584|05"%g, note="GovPay four-digit padding; canonical form keeps two digits"),
 dict(payload="PAGOPA|002|%s|00743110157|9999999999"%g, notice=g, creditor_cf="00743110157", amount="99999999.99", canonical="PAGOPA|002|%s|00743110157|9999999999"%g, note="largest amount, 52 characters"),
 dict(payload="PAGOPA|002|%s|00743110157|1"%notices_valid[4]["text"], notice=notices_valid[4]["text"], creditor_cf="00743110157", amount="0.01", canonical="PAGOPA|002|%s|00743110157|01"%notices_valid[4]["text"], note="legacy aux-0 notice, one-digit amount"),
]
qr_invalid=[
 dict(payload="PAGOPA|002|%s|00000000000|80014930327|15050"%g, field="payload", rule="field_count", note="six fields: the historical generator bug"),
 dict(payload="PAGOPA|001|%s|80014930327|15050"%g, field="version", rule="version"),
 dict(payload="pagopa|002|%s|80014930327|15050"%g, field="prefix", rule="prefix"),
 dict(payload="PAGOPA|002|344012345678901233|80014930327|15050", field="notice", rule="check_digits"),
 dict(payload="PAGOPA|002|%s|80014930328|15050"%g, field="creditor_cf", rule="check_character"),
 dict(payload="PAGOPA|002|%s|800-4930327|15050"%g, field="creditor_cf", rule="creditor_format"),
 dict(payload="PAGOPA|002|%s|80014930327|150.50"%g, field="amount", rule="amount_format"),
 dict(payload="PAGOPA|002|%s|80014930327|12345678901"%g, field="amount", rule="amount_format"),
 dict(payload="PAGOPA|002|%s|80014930327|0000"%g, field="amount", rule="not_positive"),
]
qr_build=[dict(notice=notices_valid[0]["text"], creditor_cf="80014930327", amount="150.5", payload="PAGOPA|002|%s|80014930327|15050"%notices_valid[0]["text"]),
          dict(notice=g, creditor_cf="97735020584", amount="53", payload="PAGOPA|002|%s|97735020584|5300"%g)]
qr_build_invalid=[dict(amount="0", rule="not_positive"), dict(amount="-1", rule="not_positive"), dict(amount="1.005", rule="fraction_of_cent"), dict(amount="100000000.00", rule="too_large")]
account=dict(note="one scenario; each step gives the balance after it or the rule that refused it",
  steps=[
  dict(op="top_up", id="op-1", amount="100.00", text="pagoPA receipt 1", balance="100.00"),
  dict(op="charge", id="op-2", amount="30.00", text="certificato di iscrizione", balance="70.00"),
  dict(op="charge", id="op-2", amount="30.00", text="certificato di iscrizione", balance="70.00", replayed=True),
  dict(op="charge", id="op-2", amount="31.00", text="certificato di iscrizione", error="operation_conflict"),
  dict(op="charge", id="op-3", amount="70.01", text="visura", error="insufficient_balance"),
  dict(op="refund", id="op-4", amount="10.00", charge="op-2", balance="80.00"),
  dict(op="refund", id="op-5", amount="20.01", charge="op-2", error="refund_exceeds_charge"),
  dict(op="refund", id="op-6", amount="1.00", charge="op-1", error="not_a_charge"),
  dict(op="refund", id="op-7", amount="1.00", charge="op-99", error="unknown_charge"),
  dict(op="charge", id="op-8", amount="0.001", text="visura", error="fraction_of_cent"),
  dict(op="charge", id="op-9", amount="0", text="visura", error="not_positive"),
  dict(op="charge", id="op-10", amount="80.00", text="bilancio", balance="0.00"),
  dict(op="top_up", id="op-11", amount="5.00", text="", error="empty_text"),
  ])
out=dict(source="reference/identifiers-payments.md §4; check digits computed independently in Python; RF cross-checked with python-stdnum 2.2 iso11649",
  notice_valid=notices_valid, notice_invalid=notices_invalid, rf_valid=rf_valid, rf_invalid=rf_invalid, rf_create_invalid=rf_create_invalid,
  qr_valid=qr_valid, qr_invalid=qr_invalid, qr_build=qr_build, qr_build_invalid=qr_build_invalid, account=account)
print(json.dumps(out, indent=2, ensure_ascii=False))
