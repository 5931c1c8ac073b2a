package it.sportello

import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

/** A Kotlin-implemented dossier store: events as JSON strings in a map. */
class MapStore : HostDossierStore {
    private val streams = LinkedHashMap<String, MutableList<String>>()
    private var sequence = 0uL

    @Synchronized
    override fun append(dossierId: String, expectedVersion: ULong, events: List<String>): ULong {
        val stream = streams.getOrPut(dossierId) { mutableListOf() }
        val actual = stream.size.toULong()
        if (actual != expectedVersion) {
            throw SportelloException.DossierConflict(dossierId, expectedVersion, actual, "version mismatch")
        }
        stream.addAll(events)
        return stream.size.toULong()
    }

    @Synchronized
    override fun load(dossierId: String): List<String> = streams[dossierId]?.toList() ?: emptyList()

    @Synchronized
    override fun dossierIds(): List<String> = streams.keys.toList()

    @Synchronized
    override fun nextSequence(): ULong {
        sequence += 1u
        return sequence
    }

    @Synchronized
    fun tamper(dossierId: String, index: Int, from: String, to: String) {
        val stream = streams.getValue(dossierId)
        stream[index] = stream[index].replace(from, to)
    }
}

class DossierTest {
    private val today = LocalDate.of(2026, 3, 2)
    private val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)
    private val rossiMeccanica = "01234560017"
    private val verdiAcciai = "03456780174"

    /** A SPID level 2 login. */
    private fun spid(cf: String, name: String, family: String) = Identity.fromSpid(
        mapOf(
            "fiscalNumber" to "TINIT-$cf",
            "name" to name,
            "familyName" to family,
            "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
        ),
    )

    private val officers = OfficerRegister(LevelOfAssurance.SUBSTANTIAL).apply {
        val all = listOf(OfficerRole.CASE_HANDLER, OfficerRole.HEAD_OF_PROCEDURE, OfficerRole.PROTOCOL_OFFICER, OfficerRole.SUBSTITUTE)
        seed("CLMLSN90E15D286P", "Alessandro Colombo", "MI", all, true)
        seed("BRBLGU60B19C933D", "Luigi Barbieri", "MI", listOf(OfficerRole.CASE_HANDLER), true)
        seed("CNTPLA88L05F205O", "Paolo Conti", "MI", listOf(OfficerRole.FRONT_OFFICE), true)
        seed("GLLFNC71H08E507P", "Francesco Galli", "BG", all, true)
    }

    private fun officerAt(cf: String, chamber: String = "MI") = officers.actAsOfficer(spid(cf, "Funzionario", "Camerale"), chamber)

    private val maria = profiler.actAs(spid("RSSMRA80A41F205B", "Maria", "Rossi"), ProfileKind.PRIVATE, null, today)
    private val officer = officerAt("CLMLSN90E15D286P")
    private val form = mapOf(
        "documents" to "verbale di accertamento n. 12/2025",
        "motivation" to "difesa in giudizio",
    )

    private fun counter(store: HostDossierStore?): Pair<Sportello, ManualClock> {
        val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
        // digital domiciles come from the PEC directory, never from the form
        val directory = MapDirectory(
            mapOf("RSSMRA80A41F205B" to "maria.rossi@pec.example.it", rossiMeccanica to "rossimeccanica@pec.example.it"),
        )
        return Sportello.withMemoryAdapters(clock, store, directory) to clock
    }

    private fun stores(): List<HostDossierStore?> = listOf(null, MapStore())

    @Test
    fun accessToRecordsFromSubmissionToPreservation() {
        for (store in stores()) {
            val (s, clock) = counter(store)
            var d = s.submit(maria, "accesso-atti", form, listOf(AttachmentInput("id.pdf", "application/pdf", byteArrayOf(1, 2, 3))))
            assertEquals("registered", d.status)
            assertEquals(listOf("2026/0000001"), d.protocolNumbers)
            assertEquals(LocalDate.of(2026, 4, 1), d.term?.dueDate)
            assertEquals(listOf("receipt:acceptance", "receipt:delivery"), d.receipts)
            clock.advanceDays(3)
            s.takeCharge(officer, d.id, null)
            d = s.decide(officer, d.id, "accepted", "interesse diretto, concreto e attuale")
            assertEquals("communicated", d.status)
            assertEquals(64, d.outcomeDigest?.length)
            s.close(officer, d.id)
            d = s.preserve(officer, d.id)
            assertEquals("preserved", d.status)
            assertEquals("RdV-000001", d.preservationReceipt)
            assertEquals(64, s.verifyDossier(d.id).length)
            assertTrue(s.segnatura("2026/0000001").contains("<prot:NumeroRegistrazione>0000001</prot:NumeroRegistrazione>"))
        }
    }

    @Test
    fun anOfficerOnAStaleVersionGetsAConflict() {
        for (store in stores()) {
            val (s, _) = counter(store)
            val d = s.submit(maria, "accesso-atti", form, emptyList())
            s.takeCharge(officer, d.id, d.version)
            val e = assertFailsWith<SportelloException.DossierConflict> {
                s.postMessage(officerAt("BRBLGU60B19C933D"), d.id, "presa io", d.version)
            }
            assertEquals(d.version + 1u, e.actual)
        }
    }

    @Test
    fun noWithdrawalOnceAPaymentExists() {
        val (s, _) = counter(MapStore())
        val d = s.submit(maria, "diritto-annuale", mapOf("request" to "calcolo", "year" to "2026", "category" to "calcolo"), emptyList())
        s.recordPayment(d.id, BigDecimal("53.00"), "RF18000000000000000000001")
        val e = assertFailsWith<SportelloException.DossierRefused> { s.withdraw(maria, d.id, "non serve") }
        assertEquals("no_withdrawal_after_payment", e.rule)
    }

    @Test
    fun secondInformationSuspensionIsATermError() {
        val (s, _) = counter(null)
        val d = s.submit(maria, "diritto-annuale", mapOf("request" to "x", "year" to "2025", "category" to "correzione", "amount_paid" to "126.00", "reason" to "codice errato"), emptyList())
        s.takeCharge(officer, d.id, null)
        s.suspend(officer, d.id, "information", 10u)
        s.resume(officer, d.id)
        val e = assertFailsWith<SportelloException.TermException> { s.suspend(officer, d.id, "information", 5u) }
        assertEquals("suspension_already_used", e.rule)
    }

    @Test
    fun strangersAndWrongStepsAreRefused() {
        val (s, _) = counter(null)
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        assertEquals(d.id, s.dossier(maria, d.id).id)
        val stranger = profiler.actAs(spid("FRRNNA82T55F704Z", "Anna", "Ferrari"), ProfileKind.PRIVATE, null, today)
        val denied = assertFailsWith<SportelloException.NotAuthorized> { s.dossier(stranger, d.id) }
        val missing = assertFailsWith<SportelloException.NotAuthorized> { s.dossier(stranger, "MI-2026-999999") }
        // someone else's dossier looks exactly like a missing one
        assertEquals(missing.message, denied.message)
        assertEquals("acting_for", denied.rule)
        assertTrue(s.myDossiers(stranger).isEmpty())
        val invalid = assertFailsWith<SportelloException.InvalidTransition> { s.close(officer, d.id) }
        assertEquals("registered", invalid.state)
    }

    @Test
    fun tamperingInAKotlinStoreIsDetected() {
        val store = MapStore()
        val (s, _) = counter(store)
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        store.tamper(d.id, 1, "2026-03-02", "2026-03-20")
        val e = assertFailsWith<SportelloException.ChainBroken> { s.verifyDossier(d.id) }
        assertEquals("altered", e.rule)
    }

    @Test
    fun aCompanyDossierIsSeenByItsRepresentativeAndADelegatedIntermediaryInScope() {
        val (s, _) = counter(MapStore())
        val mario = profiler.actAs(spid("RSSMRA80A01F205X", "Mario", "Rossi"), ProfileKind.BUSINESS, rossiMeccanica, today)
        val d = s.submit(mario, "accesso-atti", form, emptyList())
        assertEquals(listOf("receipt:acceptance", "receipt:delivery"), d.receipts)
        assertEquals(listOf(d.id), s.myDossiers(mario).map { it.id })
        val silvia = spid("MRNSLV85R62L682Y", "Silvia", "Marino")
        val forRossi = profiler.actAs(silvia, ProfileKind.INTERMEDIARY, rossiMeccanica, today)
        assertEquals(d.id, s.dossier(forRossi, d.id).id)
        val verdi = profiler.actAs(spid("VRDGPP68M12B157Y", "Giuseppe", "Verdi"), ProfileKind.BUSINESS, verdiAcciai, today)
        val access = s.submit(verdi, "accesso-atti", form, emptyList())
        val fee = s.submit(verdi, "diritto-annuale", mapOf("request" to "rimborso", "year" to "2025", "category" to "rimborso", "amount_paid" to "126.00", "reason" to "doppio versamento"), emptyList())
        val forVerdi = profiler.actAs(silvia, ProfileKind.INTERMEDIARY, verdiAcciai, today) // scope: accesso-atti
        assertEquals(access.id, s.dossier(forVerdi, access.id).id)
        val e = assertFailsWith<SportelloException.NotAuthorized> { s.dossier(forVerdi, fee.id) }
        assertEquals("delegation_scope", e.rule)
        assertEquals(listOf(access.id), s.myDossiers(forVerdi).map { it.id })
    }

    @Test
    fun anotherChambersOfficerIsRefusedAndTheFrontOfficeCannotDecide() {
        val (s, _) = counter(null)
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        val other = assertFailsWith<SportelloException.NotAuthorized> { s.dossier(officerAt("GLLFNC71H08E507P", "BG"), d.id) }
        assertEquals("chamber", other.rule)
        val front = officerAt("CNTPLA88L05F205O")
        assertEquals(d.id, s.dossier(front, d.id).id)
        val e = assertFailsWith<SportelloException.NotAuthorized> { s.decide(front, d.id, "accepted", "ok") }
        assertEquals("decide_case" to "officer_role", e.action to e.rule)
        s.takeCharge(officer, d.id, null)
        assertEquals("accepted", s.decide(officer, d.id, "accepted", "ok").outcome)
    }

    @Test
    fun handlingStepsTakeAnExpectedVersionAndTheSubstituteActsOnlyAfterTheTerm() {
        val (s, clock) = counter(null)
        val d = s.submit(maria, "accesso-civico", mapOf("documents" to "delibere 2025"), emptyList())
        val taken = s.takeCharge(officer, d.id, d.version)
        assertFailsWith<SportelloException.DossierConflict> { s.close(officer, d.id, d.version) }
        val early = assertFailsWith<SportelloException.TermException> { s.activateSubstitute(officer, d.id, taken.version) }
        assertEquals("term_not_expired", early.rule)
        clock.set(Instant.parse("2026-04-10T09:00:00Z"))
        val refused = assertFailsWith<SportelloException.NotAuthorized> { s.activateSubstitute(officerAt("BRBLGU60B19C933D"), d.id) }
        assertEquals("officer_role", refused.rule)
        val after = s.activateSubstitute(officer, d.id, taken.version)
        assertTrue(after.history.any { it.action == "activate_substitute" })
    }
}
