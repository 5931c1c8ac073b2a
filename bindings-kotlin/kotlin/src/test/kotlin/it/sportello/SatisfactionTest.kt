package it.sportello

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

class SatisfactionTest {
    private fun month(): SatisfactionSurvey {
        val s = SatisfactionSurvey()
        s.record("MI-1", "RSSMRA80A01F205X", "diritto-annuale", "MI", Channel.ONLINE, LocalDate.of(2026, 3, 2), 5, listOf(Answer.CLEAR_INSTRUCTIONS), "")
        s.record("MI-2", "u2", "diritto-annuale", "MI", Channel.ONLINE, LocalDate.of(2026, 3, 3), 4, emptyList(), "")
        s.record("MI-3", "u3", "diritto-annuale", "MI", Channel.APP, LocalDate.of(2026, 3, 9), 2, listOf(Answer.TECHNICAL_PROBLEMS), "commento riservato")
        s.recordFace("BG-1", "u4", "accesso-atti", "BG", Channel.COUNTER, LocalDate.of(2026, 3, 20), Face.GREEN, "")
        return s
    }

    @Test
    fun aSecondRatingOfTheSameDossierIsRefused() {
        val s = month()
        val e = assertFailsWith<SportelloException.AlreadyRated> {
            s.record("MI-1", "RSSMRA80A01F205X", "diritto-annuale", "MI", Channel.ONLINE, LocalDate.of(2026, 3, 4), 1, emptyList(), "")
        }
        assertEquals("MI-1", e.dossier)
        assertEquals(4uL, s.count())
    }

    @Test
    fun answersMustBelongToTheBranchOfTheStars() {
        val e = assertFailsWith<SportelloException.InvalidRating> {
            SatisfactionSurvey().record("D", "U", "svc", "MI", Channel.ONLINE, LocalDate.of(2026, 3, 1), 3, listOf(Answer.CLEAR_INSTRUCTIONS), "")
        }
        assertEquals("answer_branch", e.rule)
        val long = assertFailsWith<SportelloException.InvalidRating> {
            SatisfactionSurvey().record("D", "U", "svc", "MI", Channel.ONLINE, LocalDate.of(2026, 3, 1), 5, emptyList(), "x".repeat(201))
        }
        assertEquals("comment", long.field)
    }

    @Test
    fun aggregatesByServiceWithWilsonInterval() {
        val by = month().aggregate(Grouping.SERVICE, null, null)
        assertEquals(listOf("accesso-atti", "diritto-annuale"), by.map { it.key })
        val annual = by[1]
        assertEquals(3uL, annual.count)
        assertEquals(listOf(0uL, 1uL, 0uL, 1uL, 1uL), annual.distribution)
        assertEquals(11.0 / 3.0, annual.mean!!, 1e-12)
        val w = wilsonInterval(2uL, 3uL)
        assertEquals(w.low, annual.wilsonLow)
        assertEquals(Answer.TECHNICAL_PROBLEMS, annual.topDifficulties[0].answer)
        assertEquals("Ho avuto problemi tecnici", annual.topDifficulties[0].text)
    }

    @Test
    fun wilsonIntervalMatchesNewcombe1998() {
        val w = wilsonInterval(81uL, 263uL)
        assertEquals("0.2553", "%.4f".format(java.util.Locale.ROOT, w.low))
        assertEquals("0.3662", "%.4f".format(java.util.Locale.ROOT, w.high))
    }

    @Test
    fun thePublicationReportHasNoPersonalData() {
        val r = month().publicationReport(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 31), 1uL)
        val text = r.toJson() + r.toMarkdown()
        assertFalse(text.contains("RSSMRA80A01F205X"))
        assertFalse(text.contains("MI-1"))
        assertFalse(text.contains("commento riservato"))
        assertEquals(4uL, r.overall().count)
        assertTrue(satisfactionQuestion().startsWith("Quanto è stato facile"))
    }
}
