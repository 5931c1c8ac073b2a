package it.sportello

import java.io.File
import java.math.BigDecimal
import java.time.Instant
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue
import kotlin.test.fail

@Suppress("UNCHECKED_CAST")
private fun Any?.jsonObj() = this as Map<String, Any?>

@Suppress("UNCHECKED_CAST")
private fun Any?.jsonList() = this as List<Any?>

/**
 * Legal terms through the Kotlin front door: the dated scenarios of
 * `testdata/terms/scenarios.json` (shared with Rust and Python), the daily run, the officers'
 * lists, oppositions and the civic-access release.
 */
class TermScenariosTest {
    private val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)

    private fun spid(cf: String, name: String, family: String) = Identity.fromSpid(
        mapOf(
            "fiscalNumber" to "TINIT-$cf",
            "name" to name,
            "familyName" to family,
            "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
        ),
    )

    private fun officerAt(cf: String, chamber: String, roles: List<OfficerRole>): Actor {
        val register = OfficerRegister(LevelOfAssurance.SUBSTANTIAL)
        register.seed(cf, "Funzionario Camerale", chamber, roles, true)
        return register.actAsOfficer(spid(cf, "Funzionario", "Camerale"), chamber)
    }

    private val applicant = profiler.actAs(spid("RSSMRA80A41F205B", "Maria", "Rossi"), ProfileKind.PRIVATE, null, LocalDate.of(2026, 3, 2))
    private val officer = officerAt(
        "CLMLSN90E15D286P",
        "MI",
        listOf(OfficerRole.CASE_HANDLER, OfficerRole.HEAD_OF_PROCEDURE, OfficerRole.SUBSTITUTE),
    )
    private val company = CounterpartyInput.Company("Verdi Acciai S.p.A.", "03456780174")
    private val form = mapOf(
        "documents" to "verbale 12/2025",
        "motivation" to "tutela in giudizio",
        "description" to "attesa allo sportello",
        "request" to "rimborso",
        "year" to "2025",
        "amount_paid" to "126.00",
        "reason" to "versamento doppio",
    )

    private fun scenariosFile(): File {
        var dir: File? = File(System.getProperty("user.dir")).absoluteFile
        while (dir != null) {
            val f = File(dir, "testdata/terms/scenarios.json")
            if (f.exists()) return f
            dir = dir.parentFile
        }
        error("testdata/terms/scenarios.json not found above ${System.getProperty("user.dir")}")
    }

    /** 08:00 UTC: the same Italian date all year. */
    private fun at(clock: ManualClock, on: LocalDate) = clock.set(Instant.parse("${on}T08:00:00Z"))

    private fun counter(scenario: Map<String, Any?>, clock: ManualClock): Sportello {
        val calendar = scenario["calendar"]?.jsonObj()?.let {
            Calendar(it["province"] as String?, (it["saturday_moves"] as Boolean?) ?: false, false)
        }
        val rules = scenario["rules"]?.jsonObj()?.let { overrides ->
            val base = Sportello.withMemoryAdapters(clock)
            val configured = LinkedHashMap(MiniJson(base.procedureRules(scenario["service"] as String)).parse().jsonObj())
            configured.putAll(overrides)
            listOf(MiniJson.write(configured))
        }
        return Sportello.withMemoryAdapters(clock, calendar = calendar, rules = rules)
    }

    private fun perform(s: Sportello, id: String, step: Map<String, Any?>) {
        when (val what = step["do"] as String) {
            "take_charge" -> s.takeCharge(officer, id)
            "request_integration" ->
                s.requestIntegration(officer, id, "documento mancante", (step["reply_within_days"] as BigDecimal).toInt().toUInt())
            "reply_integration" -> s.replyIntegration(applicant, id, "integrazione", emptyList())
            "suspend" -> s.suspend(officer, id, step["cause"] as String, (step["days"] as BigDecimal).toInt().toUInt())
            "resume" -> s.resume(officer, id)
            "notify_refusal" -> s.notifyRefusal(officer, id, "motivi ostativi")
            "submit_observations" -> s.submitObservations(applicant, id, "osservazioni")
            "record_opposition" -> s.recordOpposition(officer, id, "dati commerciali riservati", company, emptyList())
            "decide" -> s.decide(officer, id, step["outcome"] as String, "motivazione")
            "release" -> s.release(officer, id)
            "activate_substitute" -> s.activateSubstitute(officer, id)
            else -> fail("unknown step $what")
        }
    }

    private fun observed(s: Sportello, id: String, key: String): Any? {
        val d = s.dossier(officer, id)
        val t = d.term ?: fail("no term")
        return when (key) {
            "status" -> d.status
            "start" -> t.start.toString()
            "due_date" -> t.dueDate.toString()
            "days_left" -> BigDecimal(t.daysLeft)
            "overdue" -> t.overdue
            "suspended" -> t.suspended
            "suspended_days" -> BigDecimal(t.suspendedDays)
            "substitute_due" -> t.substituteDue?.toString()
            "reply_by" -> d.replyBy?.toString()
            "release_not_before" -> d.releaseNotBefore?.toString()
            else -> fail("unknown check $key")
        }
    }

    private fun expectError(s: Sportello, id: String, step: Map<String, Any?>, where: String) {
        val want = step["error"].jsonObj()
        val e = assertFailsWith<SportelloException>(where) { perform(s, id, step) }
        when (want["kind"]) {
            "term" -> {
                val t = e as? SportelloException.TermException ?: fail("$where: $e")
                assertEquals(want["rule"] as String, t.rule, where)
                (want["date"] as String?)?.let { assertEquals(LocalDate.parse(it), t.date, where) }
            }
            "refused" -> {
                val r = e as? SportelloException.DossierRefused ?: fail("$where: $e")
                assertEquals(want["rule"] as String, r.rule, where)
            }
            "transition" -> assertTrue(e is SportelloException.InvalidTransition, "$where: $e")
            else -> fail("unknown error kind ${want["kind"]}")
        }
    }

    @Test
    fun everyDatedScenarioHoldsThroughTheFacade() {
        val scenarios = MiniJson(scenariosFile().readText()).parse().jsonObj()["scenarios"].jsonList()
        assertTrue(scenarios.size >= 30)
        for (sc in scenarios.map { it.jsonObj() }) {
            val name = sc["name"] as String
            val clock = ManualClock(Instant.parse("2026-01-01T00:00:00Z"))
            at(clock, LocalDate.parse(sc["received"] as String))
            val s = counter(sc, clock)
            val category = if (sc["service"] == "reclami") "disservizio" else "rimborso"
            val id = s.submit(applicant, sc["service"] as String, form + ("category" to category), emptyList()).id
            for (step in sc["steps"].jsonList().map { it.jsonObj() }) {
                at(clock, LocalDate.parse(step["on"] as String))
                val where = "$name on ${step["on"]}: ${step["why"] ?: ""}"
                when {
                    step.containsKey("check") -> for ((key, want) in step["check"].jsonObj()) {
                        assertEquals(want, observed(s, id, key), "$key in $where")
                    }
                    step["do"] == "run_terms" -> {
                        val run = s.runTerms()
                        assertEquals(emptyList(), run.failures, where)
                        assertEquals(step["actions"].jsonList(), run.actions.filter { it.dossierId == id }.map { it.action }, where)
                    }
                    step.containsKey("error") -> expectError(s, id, step, where)
                    else -> perform(s, id, step)
                }
            }
        }
    }

    private fun fresh(on: LocalDate): Pair<Sportello, ManualClock> {
        val clock = ManualClock(Instant.parse("2026-01-01T00:00:00Z"))
        at(clock, on)
        return Sportello.withMemoryAdapters(clock) to clock
    }

    @Test
    fun aLateReplyIsATermErrorWithTheDayAndTheArticleAndTheRunLapsesTheRequest() {
        val (s, clock) = fresh(LocalDate.of(2026, 3, 2))
        val d = s.submit(applicant, "diritto-annuale", form + ("category" to "rimborso"), emptyList())
        s.takeCharge(officer, d.id)
        assertEquals(LocalDate.of(2026, 3, 12), s.requestIntegration(officer, d.id, "quietanza", 10u).replyBy)
        at(clock, LocalDate.of(2026, 3, 13))
        val e = assertFailsWith<SportelloException.TermException> { s.replyIntegration(applicant, d.id, "tardi", emptyList()) }
        assertEquals("reply_window_closed", e.rule)
        assertEquals(LocalDate.of(2026, 3, 12), e.date)
        assertTrue(e.article.contains("art. 2 c.7"))
        val run = s.runTerms()
        assertEquals(LocalDate.of(2026, 3, 13), run.on)
        assertEquals(listOf(TermActionView(d.id, "lapse_integration", LocalDate.of(2026, 3, 12))), run.actions)
        assertEquals("in_charge", s.dossier(officer, d.id).status)
        assertEquals(emptyList(), s.runTerms().actions)
    }

    @Test
    fun theOfficersListsAreForTheChambersCaseHandlers() {
        val (s, clock) = fresh(LocalDate.of(2026, 3, 2))
        val d = s.submit(applicant, "accesso-atti", form, emptyList())
        at(clock, LocalDate.of(2026, 3, 20))
        // due Wed 1 Apr: 11 days to 31 Mar + 1 = 12 left
        assertEquals(listOf(Triple(d.id, "registered", 12L)), s.dueSoon(officer, 12u).map { Triple(it.dossierId, it.status, it.term.daysLeft) })
        assertEquals(emptyList(), s.dueSoon(officer, 11u))
        at(clock, LocalDate.of(2026, 4, 2))
        assertEquals(listOf(-1L), s.overdue(officer).map { it.term.daysLeft })
        val bg = officerAt("GLLFNC71H08E507P", "BG", listOf(OfficerRole.CASE_HANDLER))
        assertEquals("chamber", assertFailsWith<SportelloException.NotAuthorized> { s.overdue(bg, "MI") }.rule)
        assertFailsWith<SportelloException.NotAuthorized> { s.dueSoon(applicant, 10u) }
        s.runTerms()
        assertEquals(emptyList(), s.overdue(officer))
    }

    @Test
    fun anOppositionFromAPersonEndsTheSuspensionAndIsProtocolled() {
        val (s, clock) = fresh(LocalDate.of(2026, 3, 2))
        var d = s.submit(applicant, "accesso-civico", mapOf("documents" to "contratti 2025"), emptyList())
        s.takeCharge(officer, d.id)
        d = s.suspend(officer, d.id, "counterparties", 10u)
        assertEquals("counterparties", d.term?.suspendedFor)
        at(clock, LocalDate.of(2026, 3, 6))
        val before = d.protocolNumbers.size
        d = s.recordOpposition(
            officer,
            d.id,
            "dati personali",
            CounterpartyInput.Person("Luigi", "Bianchi", "BNCLGU70A01F205X"),
            listOf(AttachmentInput("opposizione.pdf", "application/pdf", byteArrayOf(37, 80, 68, 70))),
        )
        assertEquals("in_charge", d.status)
        assertEquals(listOf("dati personali"), d.oppositions)
        assertEquals(before + 1, d.protocolNumbers.size)
        assertTrue(s.segnatura(d.protocolNumbers.last()).contains("Bianchi"))
    }

    @Test
    fun releaseAfterAnOppositionWaitsFifteenDaysAndTheDossierShowsTheDay() {
        val (s, clock) = fresh(LocalDate.of(2026, 3, 2))
        var d = s.submit(applicant, "accesso-civico", mapOf("documents" to "contratti 2025"), emptyList())
        s.takeCharge(officer, d.id)
        s.suspend(officer, d.id, "counterparties", 10u)
        s.recordOpposition(officer, d.id, "segreto commerciale", company, emptyList())
        d = s.decide(officer, d.id, "accepted", "prevale l'interesse alla trasparenza")
        // decided 2 Mar: not before 2 + 15 = 17 Mar
        assertEquals(LocalDate.of(2026, 3, 17), d.releaseNotBefore)
        at(clock, LocalDate.of(2026, 3, 16))
        val e = assertFailsWith<SportelloException.TermException> { s.release(officer, d.id) }
        assertEquals("release_not_before" to LocalDate.of(2026, 3, 17), e.rule to e.date)
        at(clock, LocalDate.of(2026, 3, 17))
        assertEquals(LocalDate.of(2026, 3, 17), s.release(officer, d.id).releasedOn)
    }

    @Test
    fun badProcedureRulesAreRefusedNamingTheField() {
        val clock = ManualClock(Instant.parse("2026-03-02T08:00:00Z"))
        val rules = MiniJson(Sportello.withMemoryAdapters(clock).procedureRules("accesso-civico")).parse().jsonObj()
        assertEquals(BigDecimal(15), rules["release_after_opposition_days"])
        assertEquals(BigDecimal(10), rules["incomplete_request_within_days"])
        val e = assertFailsWith<SportelloException.DossierRefused> {
            Sportello.withMemoryAdapters(clock, rules = listOf("{\"service_id\": \"x\"}"))
        }
        assertEquals("rules", e.field)
    }
}
