package it.sportello

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** Payments linked to dossiers through the Kotlin front door: pagoPA notices and receipts. */
class DossierPaymentsTest {
    private val today = LocalDate.of(2026, 3, 2)
    private val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)

    private fun spid(cf: String) = Identity.fromSpid(
        mapOf(
            "fiscalNumber" to "TINIT-$cf",
            "name" to "Nome",
            "familyName" to "Cognome",
            "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
        ),
    )

    private val officers = OfficerRegister(LevelOfAssurance.SUBSTANTIAL).apply {
        val all = listOf(OfficerRole.CASE_HANDLER, OfficerRole.HEAD_OF_PROCEDURE)
        seed("CLMLSN90E15D286P", "Alessandro Colombo", "MI", all, true)
        seed("GLLFNC71H08E507P", "Francesco Galli", "BG", all, true)
    }
    private val officer = officers.actAsOfficer(spid("CLMLSN90E15D286P"), "MI")
    private val maria = profiler.actAs(spid("RSSMRA80A41F205B"), ProfileKind.PRIVATE, null, today)
    private val mario = profiler.actAs(spid("RSSMRA80A01F205X"), ProfileKind.BUSINESS, "01234560017", today)

    /** Anna Ferrari acts for Ferrari & Colombo S.n.c., an artisan partnership seated in Monza. */
    private val anna = profiler.actAs(spid("FRRNNA82T55F704Z"), ProfileKind.CRAFTSMAN, "04567890134", today)
    private val accessForm = mapOf("documents" to "verbale di accertamento n. 12/2025", "motivation" to "difesa in giudizio")
    private val paidAt = Instant.parse("2026-03-03T10:00:00Z")

    /** Milano Monza Brianza Lodi with the +20 % it deliberated for 2026 (decree pending, UNCONFIRMED). */
    private val fees2026 = FeeConfig.fromJson(
        """{"surcharges": {"max_rate": "0.50", "rules": [{"chambers": ["MIMBLO", "MI", "MB", "LO"],
            "from_year": 2026, "to_year": 2026, "rate": "0.20", "source": "delibera camerale 2026"}]}}""",
    )

    private fun sha256(bytes: ByteArray) =
        java.security.MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

    private fun counter(fees: FeeConfig? = null) =
        Sportello.withMemoryAdapters(ManualClock(Instant.parse("2026-03-02T09:00:00Z")), null, null, fees)

    private fun acceptedAccess(s: Sportello, applicant: Actor): DossierView {
        val d = s.submit(applicant, "accesso-atti", accessForm, emptyList())
        s.takeCharge(officer, d.id, null)
        return s.decide(officer, d.id, "accepted", "interesse diretto", null)
    }

    @Test
    fun theCopyFeeIsAPagoPaNoticeTheApplicantSees() {
        val s = counter()
        var d = acceptedAccess(s, mario)
        d = s.requestCopyPayment(officer, d.id, 12u)
        val asked = d.paymentRequests.single()
        assertEquals("copies", asked.purpose)
        assertEquals(BigDecimal("6.20"), asked.amount)
        assertEquals(LocalDate.of(2026, 4, 1), asked.dueDate)
        assertEquals("312000000000000119", asked.notice)
        assertEquals("12000000000000119", asked.iuv)
        assertEquals("PAGOPA|002|312000000000000119|80000000150|620", asked.qrPayload)
        assertEquals("pending", asked.status)
        assertEquals(0u, asked.copyQuote?.stamps)
        assertTrue(d.receipts.contains("payment_notice:delivery"))
        val position = s.paymentPosition(mario, d.id, asked.notice)
        assertEquals(PositionState.OPEN, position.status)
        assertEquals("01234560017", position.debtor)
        val certified = s.copyQuote("accesso-atti", 9u, true)
        assertEquals(4u, certified.stamps)
        assertEquals(BigDecimal("69.90"), certified.total)
    }

    @Test
    fun onlyAnOfficerOfTheChamberAsksForCopies() {
        val s = counter()
        val d = acceptedAccess(s, maria)
        assertFailsWith<SportelloException.NotAuthorized> { s.requestCopyPayment(maria, d.id, 3u) }
        assertFailsWith<SportelloException.NotAuthorized> {
            s.requestCopyPayment(officers.actAsOfficer(spid("GLLFNC71H08E507P"), "BG"), d.id, 3u)
        }
        val e = assertFailsWith<SportelloException.FeeRefused> { s.requestCopyPayment(officer, d.id, 0u) }
        assertEquals("at_least_one_page", e.rule)
        assertTrue(s.dossier(officer, d.id).paymentRequests.isEmpty())
    }

    @Test
    fun thePaymentIsRecordedFromTheReceiptOnceAndAMismatchNamesTheAmounts() {
        val s = counter()
        var d = acceptedAccess(s, maria)
        d = s.requestCopyPayment(officer, d.id, 12u)
        val notice = d.paymentRequests.single().notice
        val unpaid = assertFailsWith<SportelloException.DossierRefused> { s.recordPositionPayment(d.id, notice) }
        assertEquals("position_not_paid", unpaid.rule)
        val short = assertFailsWith<SportelloException.PaymentRefused> {
            s.receiveReceipt(d.id, notice, Receipt("IUR-1", BigDecimal("6.00"), paidAt))
        }
        assertEquals("amount_mismatch", short.rule)
        assertEquals("amount", short.field)
        assertEquals(BigDecimal("6.20"), short.expected)
        assertEquals(BigDecimal("6.00"), short.found)
        val paid = s.receiveReceipt(d.id, notice, Receipt("IUR-1", BigDecimal("6.20"), paidAt))
        assertEquals(listOf(RecordedPayment(BigDecimal("6.20"), "12000000000000119")), paid.payments)
        assertEquals("paid", paid.paymentRequests.single().status)
        assertEquals("IUR-1", paid.paymentRequests.single().receiptId)
        assertEquals(paid.version, s.receiveReceipt(d.id, notice, Receipt("IUR-1", BigDecimal("6.20"), paidAt)).version)
        assertEquals(paid.version, s.recordPositionPayment(d.id, notice).version)
        val conflict = assertFailsWith<SportelloException.PaymentRefused> {
            s.receiveReceipt(d.id, notice, Receipt("IUR-2", BigDecimal("6.20"), paidAt))
        }
        assertEquals("conflicting_receipt", conflict.rule)
    }

    @Test
    fun aPendingNoticeIsCancelledBeforeAnotherAndAPaidDossierCannotBeWithdrawn() {
        val s = counter()
        var d = s.submit(maria, "accesso-atti", accessForm, emptyList())
        s.takeCharge(officer, d.id, null)
        d = s.requestCopyPayment(officer, d.id, 12u)
        val twice = assertFailsWith<SportelloException.DossierRefused> { s.requestCopyPayment(officer, d.id, 20u) }
        assertEquals("payment_already_requested", twice.rule)
        d = s.cancelPayment(officer, d.id, d.paymentRequests.single().notice, "numero di pagine errato")
        assertEquals("cancelled", d.paymentRequests.single().status)
        d = s.requestCopyPayment(officer, d.id, 20u)
        val second = d.paymentRequests.last()
        assertEquals(BigDecimal("7.00"), second.amount)
        s.receiveReceipt(d.id, second.notice, Receipt("IUR-7", second.amount, paidAt))
        val e = assertFailsWith<SportelloException.DossierRefused> { s.withdraw(maria, d.id, "non serve", null) }
        assertEquals("no_withdrawal_after_payment", e.rule)
    }

    @Test
    fun aFeeComputationRequestIsComputedAskedAndPaid() {
        val s = counter(fees2026)
        var d = s.submit(anna, "diritto-annuale", mapOf("request" to "calcolo", "category" to "calcolo", "year" to "2026", "turnover" to "265815"), emptyList())
        d = s.computeFee(anna, d.id)
        val c = d.feeComputation!!
        assertEquals(listOf("turnover_based", "annual", "MIMBLO"), listOf(c.subject, c.occasion, c.chamber))
        assertEquals(BigDecimal("135"), c.amountDue)
        assertEquals(LocalDate.of(2026, 6, 30), c.dueBy)
        assertEquals(sha256(c.document.toByteArray()), c.documentDigest)
        assertTrue(c.document.contains("\"increased\": \"134.73358\""))
        d = s.requestAnnualFeePayment(anna, d.id)
        val asked = d.paymentRequests.single()
        assertEquals(listOf<Any?>("annual_fee", 2026, BigDecimal("135.00"), LocalDate.of(2026, 6, 30)), listOf(asked.purpose, asked.year, asked.amount, asked.dueDate))
        val paid = s.receiveReceipt(d.id, asked.notice, Receipt("IUR-DA", BigDecimal("135.00"), paidAt))
        assertEquals(1, paid.payments.size)
    }

    @Test
    fun feeRulesRefuseWithTheirOwnErrors() {
        val s = counter()
        val d = s.submit(anna, "diritto-annuale", mapOf("request" to "calcolo", "category" to "calcolo", "year" to "2026", "turnover" to "1"), emptyList())
        val e = assertFailsWith<SportelloException.FeeSurchargeUnknown> { s.computeFee(anna, d.id) }
        assertEquals(2026, e.year)
        val first = assertFailsWith<SportelloException.DossierRefused> { s.requestAnnualFeePayment(anna, d.id) }
        assertEquals("fee_computed_first", first.rule)
        val m = s.submit(maria, "diritto-annuale", mapOf("request" to "calcolo", "category" to "calcolo", "year" to "2025"), emptyList())
        val nobody = assertFailsWith<SportelloException.DossierRefused> { s.computeFee(maria, m.id) }
        assertEquals("applicant.on_behalf_of", nobody.field)
    }

    @Test
    fun aRefundIsAcceptedOnlyWithTheAmountTheOfficerDetermined() {
        val s = counter()
        val missing = assertFailsWith<SportelloException.DossierRefused> {
            s.submit(anna, "diritto-annuale", mapOf("request" to "rimborso", "category" to "rimborso", "year" to "2025", "reason" to "x"), emptyList())
        }
        assertEquals("amount_paid", missing.field)
        val form = mapOf("request" to "rimborso", "category" to "rimborso", "year" to "2025", "amount_paid" to "270.00", "reason" to "versato due volte")
        var d = s.submit(anna, "diritto-annuale", form, emptyList())
        s.takeCharge(officer, d.id, null)
        val first = assertFailsWith<SportelloException.DossierRefused> { s.decide(officer, d.id, "accepted", "duplicato", null) }
        assertEquals("amount_determined_first", first.rule)
        val tooMuch = assertFailsWith<SportelloException.DossierRefused> { s.determineAmount(officer, d.id, BigDecimal("270.01"), null) }
        assertEquals("at_most_amount_paid", tooMuch.rule)
        d = s.determineAmount(officer, d.id, BigDecimal("135.00"), "secondo versamento F24")
        assertEquals(BigDecimal("135.00"), d.determinedAmount)
        d = s.decide(officer, d.id, "accepted", "duplicato", null)
        assertEquals("accepted", d.outcome)
        val access = s.submit(maria, "accesso-atti", accessForm, emptyList())
        s.takeCharge(officer, access.id, null)
        val none = assertFailsWith<SportelloException.DossierRefused> { s.determineAmount(officer, access.id, BigDecimal.ONE, null) }
        assertEquals("no_amount_to_determine", none.rule)
        assertNull(s.dossier(officer, access.id).determinedAmount)
    }
}
