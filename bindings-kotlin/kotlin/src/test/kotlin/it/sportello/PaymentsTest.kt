package it.sportello

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

/** pagoPA notices, RF, QR payloads, positions and the prepaid account through the Kotlin door,
 *  on the vectors the Rust and Python tests read (`testdata/payments/vectors.json`). */
class PaymentsTest {
    private val creditor = "80014930327"
    private val t0: Instant = Instant.parse("2026-03-02T09:00:00Z")

    @Suppress("UNCHECKED_CAST")
    private fun vectors(): Map<String, Any?> {
        var dir: File? = File("").absoluteFile
        while (dir != null) {
            val f = File(dir, "testdata/payments/vectors.json")
            if (f.isFile) return MiniJson(f.readText()).parse() as Map<String, Any?>
            dir = dir.parentFile
        }
        fail("testdata/payments/vectors.json not found above the working directory")
    }

    @Suppress("UNCHECKED_CAST")
    private fun Map<String, Any?>.list(key: String) = this[key] as List<Map<String, Any?>>

    private fun assertAmount(expected: String, actual: BigDecimal) =
        assertEquals(0, BigDecimal(expected).compareTo(actual), "$expected != $actual")

    @Test
    fun vectorNoticeNumbersReadWithEveryPart() {
        for (v in vectors().list("notice_valid")) {
            val n = NoticeNumber.parse(v["text"] as String)
            assertEquals(v["value"], n.value())
            assertEquals((v["aux_digit"] as BigDecimal).toInt(), n.auxDigit().toInt())
            assertEquals(v["segregation_code"], n.segregationCode())
            assertEquals(v["application_code"], n.applicationCode())
            assertEquals(v["iuv"], n.iuv())
            assertEquals(v["iuv_base"], n.iuvBase())
            assertEquals(v["check_digits"], n.checkDigits())
            assertEquals(v["legacy"], n.isLegacy())
        }
    }

    @Test
    fun vectorInvalidNoticeNumbersNameTheWrongPart() {
        for (v in vectors().list("notice_invalid")) {
            val e = assertFailsWith<SportelloException.InvalidNoticeNumber> { NoticeNumber.parse(v["text"] as String) }
            assertEquals(v["part"], e.part, v.toString())
        }
    }

    @Test
    fun vectorRfReferences() {
        val v = vectors()
        for (r in v.list("rf_valid")) {
            assertEquals(r["rf"], rfCreate(r["reference"] as String))
            assertTrue(rfValidate(r["print_form"] as String))
        }
        for (r in v.list("rf_invalid")) assertFalse(rfValidate(r["text"] as String))
        for (r in v.list("rf_create_invalid")) {
            val e = assertFailsWith<SportelloException.InvalidCreditorReference> { rfCreate(r["reference"] as String) }
            assertEquals(r["rule"], e.rule)
        }
    }

    @Test
    fun vectorQrPayloads() {
        val v = vectors()
        for (q in v.list("qr_valid")) {
            val p = parseQrPayload(q["payload"] as String)
            assertEquals(q["notice"], p.notice.value())
            assertEquals(q["creditor_cf"], p.creditorCf)
            assertAmount(q["amount"] as String, p.amount)
            assertEquals(q["canonical"], qrPayload(p.notice, p.creditorCf, p.amount))
        }
        for (q in v.list("qr_invalid")) {
            val e = assertFailsWith<SportelloException.InvalidQrPayload> { parseQrPayload(q["payload"] as String) }
            assertEquals(q["field"] to q["rule"], e.field to e.rule)
        }
        for (q in v.list("qr_build")) {
            val n = NoticeNumber.parse(q["notice"] as String)
            assertEquals(q["payload"], qrPayload(n, q["creditor_cf"] as String, BigDecimal(q["amount"] as String)))
        }
    }

    @Test
    fun vectorAccountScenario() {
        val account = PrepaidAccount("ACME-01")
        for (step in vectors()["account"].let { @Suppress("UNCHECKED_CAST") (it as Map<String, Any?>) }.list("steps")) {
            val id = step["id"] as String
            val amount = BigDecimal(step["amount"] as String)
            try {
                val posting = when (step["op"]) {
                    "top_up" -> account.topUp(id, amount, step["text"] as String, t0)
                    "charge" -> account.charge(id, amount, step["text"] as String, t0)
                    else -> account.refund(id, step["charge"] as String, amount, t0)
                }
                assertNull(step["error"], step.toString())
                assertAmount(step["balance"] as String, account.balance())
                assertEquals(step["replayed"] ?: false, posting.replayed)
            } catch (e: SportelloException.InsufficientBalance) {
                assertEquals("insufficient_balance", step["error"])
            } catch (e: SportelloException.AccountRefused) {
                assertEquals(step["error"], e.rule, step.toString())
            }
        }
    }

    @Test
    fun newNoticeComputesTheCheckDigits() {
        val n = NoticeNumber(97u, "1234567890123")
        assertEquals("397123456789012343", n.value())
        assertEquals("3971 2345 6789 0123 43", n.grouped())
        assertEquals(n, NoticeNumber.fromIuv(n.iuv()))
        assertEquals("397123456789012343", n.toString())
        val e = assertFailsWith<SportelloException.InvalidNoticeNumber> {
            NoticeNumber.parse("012345678901234542", currentOnly = true)
        }
        assertEquals("aux_digit", e.part)
    }

    @Test
    fun aPositionIsPaidOnceAndARepeatedReceiptIsIgnored() {
        val gw = InMemoryPaymentGateway(t0)
        gw.addCreditor(creditor, 12u)
        val p = gw.openPosition(creditor, BigDecimal("150.50"), "Diritti di segreteria", LocalDate.of(2026, 3, 31))
        assertEquals("312000000000000119", p.notice)
        assertEquals(PositionState.OPEN, p.status)
        assertEquals("PAGOPA|002|312000000000000119|80014930327|15050", p.qrPayload)
        val receipt = Receipt("RT-1", BigDecimal("150.50"), t0.plusSeconds(3600))
        val first = gw.recordReceipt(creditor, p.notice, receipt)
        val again = gw.recordReceipt(creditor, p.notice, receipt)
        assertFalse(first.repeated)
        assertTrue(again.repeated)
        assertEquals(PositionState.PAID, again.position.status)
        assertEquals("RT-1", again.position.receipt?.receiptId)
        val e = assertFailsWith<SportelloException.PositionRefused> {
            gw.recordReceipt(creditor, p.notice, Receipt("RT-2", BigDecimal("150.50"), t0))
        }
        assertEquals("conflicting_receipt", e.rule)
    }

    @Test
    fun aPositionExpiresByTheGatewayClock() {
        val gw = InMemoryPaymentGateway(t0)
        gw.addCreditor(creditor, 12u)
        val p = gw.openPosition(creditor, BigDecimal("18"), "Certificato", LocalDate.of(2026, 3, 31))
        gw.setNow(Instant.parse("2026-04-02T09:00:00Z"))
        assertEquals(PositionState.EXPIRED, gw.position(creditor, p.notice).status)
        val c = gw.cancelPosition(creditor, p.notice, "expired")
        assertEquals(PositionState.CANCELLED, c.status)
    }

    @Test
    fun prepaidAccountRefusesOverdraftWithTheAmounts() {
        val a = PrepaidAccount("ACME-01")
        a.topUp("op-1", BigDecimal("100.00"), "pagoPA RT-1", t0)
        a.charge("op-2", BigDecimal("30.00"), "certificato", t0)
        val e = assertFailsWith<SportelloException.InsufficientBalance> {
            a.charge("op-3", BigDecimal("70.01"), "visura", t0)
        }
        assertAmount("70.00", e.balance)
        assertAmount("70.01", e.requested)
        a.refund("op-4", "op-2", BigDecimal("10"), t0)
        val history = a.history()
        assertEquals(listOf(OperationKind.TOP_UP, OperationKind.CHARGE, OperationKind.REFUND), history.map { it.kind })
        assertEquals(0, history.fold(BigDecimal.ZERO) { s, x -> s + x.change }.compareTo(a.balance()))
        assertEquals(history, PrepaidAccount.fromJson(a.toJson()).history())
    }
}
