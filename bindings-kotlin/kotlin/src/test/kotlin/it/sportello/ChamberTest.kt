package it.sportello

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class ChamberTest {
    private fun d(y: Int, m: Int, day: Int) = LocalDate.of(y, m, day)

    @Test
    fun chamberForAProvinceBeforeAndAfterAMerger() {
        val before = chamberForProvince("LC", d(2019, 3, 27))
        val after = chamberForProvince("LC", on = d(2019, 3, 28))
        assertEquals("LC", before.code)
        assertEquals("COLC", before.successor)
        assertEquals("COLC", after.code)
        assertEquals("Como", after.seat)
        assertEquals(listOf("Lecco"), after.secondarySeats)
        assertEquals(d(2019, 3, 28), after.validFrom)
    }

    @Test
    fun twelveChambersIn2013SevenAfterNovember2024() {
        assertEquals(12, chambersOn(d(2013, 1, 1)).size)
        assertEquals(
            listOf("BG", "BS", "COLC", "CRMNPV", "MIMBLO", "SO", "VA"),
            chambersOn(d(2024, 11, 18)).map { it.code }.sorted(),
        )
    }

    @Test
    fun chamberCalendarClosesOnTheSeatPatron() {
        val cal = chamberCalendar("CRMNPV")
        assertTrue(cal.isOfficeClosed(d(2026, 3, 18))) // Sant'Anselmo, Mantova
        assertEquals(listOf("CR", "MN", "PV"), chamberByCode("crmnpv").provinces)
    }

    @Test
    fun lookupFailuresAreTyped() {
        val none = assertFailsWith<SportelloException.NoChamber> { chamberForProvince("MI", d(2012, 12, 31)) }
        assertEquals(d(2013, 1, 1), none.coversFrom)
        assertEquals("MI", none.province)
        val unknown = assertFailsWith<SportelloException.UnknownChamber> { chamberByCode("TO") }
        assertEquals("unknown_chamber", unknown.rule)
        assertFailsWith<SportelloException.UnknownProvince> { chamberForProvince("RM", d(2020, 1, 1)) }
    }

    @Test
    fun theTableAnswersHeirsProvincesAndCoverage() {
        val table = ChamberTable.embedded()
        assertEquals(d(2013, 1, 1), table.coversFrom())
        assertTrue("MB" in table.provinces())
        assertEquals("CRMNPV", table.heirOn("PV", d(2025, 1, 1))?.code)
        assertEquals(null, table.heirOn("CRMNPV", d(2020, 1, 1)))
        assertTrue(chamberIsActiveOn("PV", d(2024, 11, 17)))
        assertTrue(!table.isActiveOn("PV", d(2024, 11, 18)))
        val bad = assertFailsWith<SportelloException.ChamberDataException> {
            ChamberTable.fromJson("{\"covers_from\": \"2013-01-01\", \"chambers\": [{\"code\": \"BG\"}]}")
        }
        assertEquals("entry", bad.field)
        val malformed = assertFailsWith<SportelloException.UnknownChamber> { chamberByCode("X") }
        assertEquals("code_format", malformed.rule)
    }
}
