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
    private val maria = DossierActor.user("RSSMRA80A41F205X", "Maria", "Rossi", "substantial", null)
    private val officer = DossierActor.officer("mbianchi", "MI")
    private val form = mapOf(
        "documents" to "verbale di accertamento n. 12/2025",
        "motivation" to "difesa in giudizio",
        "domicilio_digitale" to "maria.rossi@pec.example.it",
    )

    private fun counter(store: HostDossierStore?): Pair<Sportello, ManualClock> {
        val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
        return Sportello.withMemoryAdapters(clock, store) to clock
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
                s.postMessage(DossierActor.officer("lverdi", "MI"), d.id, "presa io", d.version)
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
        val d = s.submit(maria, "diritto-annuale", mapOf("request" to "x", "year" to "2025", "category" to "correzione"), emptyList())
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
        val stranger = DossierActor.user("BNCLCU75C10F205Y", "Luca", "Bianchi", "high", null)
        val denied = assertFailsWith<SportelloException.NotAuthorized> { s.dossier(stranger, d.id) }
        assertEquals("not_the_applicant", denied.rule)
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
}
