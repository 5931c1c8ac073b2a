package it.sportello

import java.security.MessageDigest
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The protocol desk from Kotlin: entries, annulment (DPR 445/2000 art. 54), the daily register
 *  and its preservation by the next working day (art. 53 c.2; AgID guidelines). */
class ProtocolDeskTest {
    private val monday = LocalDate.of(2026, 3, 2)
    private val manager = "BNCGPP75C10F205Q"
    private val operator = "CLMLSN90E15D286P"
    private val act = "determinazione del responsabile n. 4 del 02/03/2026"

    private fun spid(cf: String) = Identity.fromSpid(
        mapOf(
            "fiscalNumber" to "TINIT-$cf",
            "name" to "Nome",
            "familyName" to "Cognome",
            "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
        ),
    )

    private val officers = OfficerRegister(LevelOfAssurance.SUBSTANTIAL).apply {
        seed(manager, "Giuseppe Bianchi", "MI", listOf(OfficerRole.PROTOCOL_MANAGER), true)
        seed(operator, "Alessandro Colombo", "MI", listOf(OfficerRole.CASE_HANDLER, OfficerRole.HEAD_OF_PROCEDURE, OfficerRole.PROTOCOL_OFFICER), true)
        seed("CNTPLA88L05F205O", "Paolo Conti", "MI", listOf(OfficerRole.FRONT_OFFICE), true)
        seed("GLLFNC71H08E507P", "Francesco Galli", "BG", listOf(OfficerRole.PROTOCOL_MANAGER), true)
    }

    private fun officer(cf: String, chamber: String = "MI") = officers.actAsOfficer(spid(cf), chamber)

    private val maria = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)
        .actAs(spid("RSSMRA80A41F205B"), ProfileKind.PRIVATE, null, monday)
    private val form = mapOf("documents" to "verbale di accertamento n. 12/2025", "motivation" to "difesa in giudizio")

    private fun counter(): Pair<Sportello, ManualClock> {
        val clock = ManualClock(Instant.parse("2026-03-02T09:00:00Z"))
        val directory = MapDirectory(mapOf("RSSMRA80A41F205B" to "maria.rossi@pec.example.it"))
        return Sportello.withMemoryAdapters(clock, null, directory) to clock
    }

    private fun sha256(bytes: ByteArray) =
        MessageDigest.getInstance("SHA-256").digest(bytes).joinToString("") { "%02x".format(it) }

    @Test
    fun theHeadOfTheProtocolServiceAnnulsAndTheDossierShowsIt() {
        val (s, clock) = counter()
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        val number = d.protocolNumbers[0]
        val before = s.protocolEntry(number, null)
        assertEquals(monday, before.date)
        assertEquals("incoming", before.direction)
        assertEquals(d.id, before.folder)
        assertFalse(before.annulled)
        clock.set(Instant.parse("2026-03-02T11:00:00Z"))
        val e = s.annulRegistration(officer(manager), number, "istanza registrata due volte", act, null)
        assertTrue(e.annulled)
        assertEquals(before.subject, e.subject)
        val a = e.annulment!!
        assertEquals(listOf("istanza registrata due volte", act, manager, manager), listOf(a.reason, a.authorisation, a.operator, a.authorisedBy))
        assertEquals(Instant.parse("2026-03-02T11:00:00Z"), a.at)
        assertEquals(monday, a.on)
        // the segnatura of the annulled entry is still produced
        assertTrue(s.segnatura(number).contains("<prot:NumeroRegistrazione>0000001</prot:NumeroRegistrazione>"))
        val seen = s.dossier(maria, d.id)
        assertEquals(listOf(number), seen.protocolNumbers)
        val mark = seen.annulledProtocols.single()
        assertEquals(listOf(number, "istanza registrata due volte", act, manager), listOf(mark.number, mark.reason, mark.authorisation, mark.by))
        assertEquals(monday, mark.on)
        assertEquals("annul_protocol", seen.history.last().action)
        assertEquals(d.status, seen.status)
    }

    @Test
    fun annulmentRefusalsNameFieldAndRule() {
        val (s, _) = counter()
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        val number = d.protocolNumbers[0]
        assertEquals("officers_only", assertFailsWith<SportelloException.NotAuthorized> { s.annulRegistration(maria, number, "errore", act, null) }.rule)
        assertEquals("officer_role", assertFailsWith<SportelloException.NotAuthorized> { s.annulRegistration(officer(operator), number, "errore", act, null) }.rule)
        assertEquals("chamber", assertFailsWith<SportelloException.NotAuthorized> { s.annulRegistration(officer("GLLFNC71H08E507P", "BG"), number, "errore", act, null) }.rule)
        val noReason = assertFailsWith<SportelloException.ProtocolRefused> { s.annulRegistration(officer(manager), number, " ", act, null) }
        assertEquals("required" to "reason", noReason.rule to noReason.field)
        val noAct = assertFailsWith<SportelloException.ProtocolRefused> { s.annulRegistration(officer(manager), number, "errore", "", null) }
        assertEquals("required" to "authorisation", noAct.rule to noAct.field)
        val unknown = assertFailsWith<SportelloException.ProtocolRefused> { s.annulRegistration(officer(manager), "2026/0000077", "errore", act, null) }
        assertEquals("not_found" to "number", unknown.rule to unknown.field)
        assertFalse(s.protocolEntry(number, null).annulled)
        assertEquals(d.version, s.dossier(maria, d.id).version)
        s.annulRegistration(officer(manager), number, "errore", act, null)
        val twice = assertFailsWith<SportelloException.ProtocolRefused> { s.annulRegistration(officer(manager), number, "ancora", act, null) }
        assertEquals("already_annulled" to "number", twice.rule to twice.field)
        assertEquals(1, s.dossier(maria, d.id).annulledProtocols.size)
    }

    @Test
    fun theDailyRegisterGoesToPreservationByTheNextWorkingDay() {
        val (s, clock) = counter()
        s.submit(maria, "accesso-atti", form, emptyList())
        val register = s.dailyRegister(monday, null)
        assertEquals("cciaa_mi-AOO_MI-PG-20260302", register.identifier)
        assertEquals(sha256(register.content), register.digest)
        assertEquals("2026/0000001", register.firstNumber)
        assertEquals(listOf("2026/0000001"), register.entries.map { it.number })
        assertTrue(s.dailyRegister(LocalDate.of(2026, 3, 3), null).entries.isEmpty())
        val early = assertFailsWith<SportelloException.ProtocolRefused> { s.preserveDailyRegister(officer(operator), monday, null) }
        assertEquals("day_not_over" to "date", early.rule to early.field)
        assertTrue(s.pendingDailyRegisters(null).isEmpty())
        // Tuesday: Monday's register is due today
        clock.set(Instant.parse("2026-03-03T07:00:00Z"))
        val p = s.pendingDailyRegisters(null).single()
        assertEquals(listOf(monday, LocalDate.of(2026, 3, 3)), listOf(p.date, p.dueDate))
        assertFalse(p.overdue)
        assertEquals(1uL, p.registrations)
        clock.set(Instant.parse("2026-03-04T07:00:00Z"))
        assertTrue(s.pendingDailyRegisters(null).single().overdue)
        val sent = s.preservePendingRegisters(null).single()
        assertEquals(register.digest, sent.registerDigest)
        assertEquals("system", sent.sentBy)
        assertTrue(sent.late)
        assertEquals("RdV-000001", sent.receiptId)
        assertEquals("PdV-cciaa_mi-AOO_MI-PG-20260302", sent.packageId)
        assertTrue(s.preservePendingRegisters(null).isEmpty())
        assertTrue(s.pendingDailyRegisters(null).isEmpty())
        assertEquals(listOf("RdV-000001"), s.registerPreservations(null).map { it.receiptId })
        val again = assertFailsWith<SportelloException.ProtocolRefused> { s.preserveDailyRegister(officer(manager), monday, null) }
        assertEquals("already_preserved", again.rule)
        assertEquals("officer_role", assertFailsWith<SportelloException.NotAuthorized> { s.preserveDailyRegister(officer("CNTPLA88L05F205O"), monday, null) }.rule)
    }

    @Test
    fun anAnnulmentRecordedLaterGoesToItsOwnDayAfterEaster() {
        val (s, clock) = counter()
        val d = s.submit(maria, "accesso-atti", form, emptyList())
        clock.set(Instant.parse("2026-03-03T08:00:00Z"))
        val kept = s.preserveDailyRegister(officer(operator), monday, null)
        assertEquals(operator, kept.sentBy)
        assertFalse(kept.late)
        // Saturday 4 April 2026: Easter Sunday and Easter Monday follow, so it is due Tuesday 7
        clock.set(Instant.parse("2026-04-04T09:00:00Z"))
        s.annulRegistration(officer(manager), d.protocolNumbers[0], "duplicata", act, null)
        assertEquals(kept.registerDigest, s.dailyRegister(monday, null).digest)
        assertFalse(s.dailyRegister(monday, null).entries.single().annulled)
        val saturday = s.dailyRegister(LocalDate.of(2026, 4, 4), null)
        assertTrue(saturday.entries.isEmpty())
        assertEquals("duplicata", saturday.annulments.single().annulment?.reason)
        assertNull(saturday.firstNumber)
        clock.set(Instant.parse("2026-04-06T09:00:00Z"))
        val p = s.pendingDailyRegisters(null).single()
        assertEquals(listOf(LocalDate.of(2026, 4, 4), LocalDate.of(2026, 4, 7)), listOf(p.date, p.dueDate))
        assertEquals(1uL, p.annulments)
        assertFalse(p.overdue)
    }
}
