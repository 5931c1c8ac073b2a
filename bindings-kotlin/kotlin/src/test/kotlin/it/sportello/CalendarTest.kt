package it.sportello

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class CalendarTest {
    private fun d(y: Int, m: Int, day: Int) = LocalDate.of(y, m, day)

    @Test
    fun deadlineFallingOnEasterMondayMovesToTuesday() {
        assertEquals(d(2013, 4, 2), Calendar().deadline(d(2013, 3, 2), 30u))
    }

    @Test
    fun saturdayDeadlineMovesOnlyWithTheSaturdayPolicy() {
        assertEquals(d(2013, 4, 6), Calendar().deadline(d(2013, 3, 7), 30u))
        assertEquals(d(2013, 4, 8), Calendar(saturdayIsHoliday = true).deadline(d(2013, 3, 7), 30u))
    }

    @Test
    fun deadlineOnFourthOctober2026MovesToMonday() {
        assertEquals(d(2026, 10, 5), Calendar().deadline(d(2026, 9, 4), 30u))
    }

    @Test
    fun monthTermsEndOnTheLastDayOfAShorterMonth() {
        assertEquals(d(2024, 2, 29), Calendar().deadlineMonths(d(2024, 1, 31), 1u))
    }

    @Test
    fun patronDayClosesTheOfficeButIsNotALegalHoliday() {
        val milano = Calendar(province = "MI")
        assertEquals("Sant'Ambrogio", milano.patronSaint())
        assertTrue(milano.isOfficeClosed(d(2026, 12, 7)))
        assertFalse(milano.isLegalHoliday(d(2026, 12, 7)))
        val off = milano.dayOff(d(2026, 12, 7), View.OFFICE)
        assertEquals(HolidayKind.PATRON_SAINT, off?.kind)
        assertNull(milano.dayOff(d(2026, 12, 7), View.LEGAL))
        assertEquals(d(2024, 12, 9), milano.nextWorkingDay(d(2024, 12, 6), View.OFFICE))
    }

    @Test
    fun holidaysOf2026IncludeSanFrancescoAndThePatron() {
        val list = Calendar(province = "BG").holidays(2026)
        assertTrue(list.any { it.date == d(2026, 10, 4) && it.kind == HolidayKind.NATIONAL })
        assertTrue(list.any { it.date == d(2026, 8, 26) && it.name == "Sant'Alessandro di Bergamo" })
        assertEquals(d(2026, 4, 5), easterSunday(2026))
    }

    @Test
    fun annualFeeDueDateRollsToTheNextWorkingDay() {
        assertEquals(d(2024, 7, 1), Calendar().rollForward(d(2024, 6, 30), View.LEGAL))
        assertEquals(30L, daysBetween(d(2013, 3, 2), d(2013, 4, 1)))
    }

    @Test
    fun yearOutsideTheRangeIsATypedError() {
        val e = assertFailsWith<SportelloException.CalendarException> { Calendar().holidays(2101) }
        assertEquals("year_range", e.rule)
        assertEquals("year", e.field)
    }

    @Test
    fun unknownProvinceIsATypedError() {
        val e = assertFailsWith<SportelloException.UnknownProvince> { Calendar(province = "RM") }
        assertEquals("unknown_province", e.rule)
        val bad = assertFailsWith<SportelloException.UnknownProvince> { Calendar(province = "M1") }
        assertEquals("province_format", bad.rule)
    }

    @Test
    fun nationalHolidaysTheItalianDateAndTheSaturdaySettings() {
        val days = nationalHolidays(2013)
        assertTrue(days.any { it.date == d(2013, 4, 1) && it.kind == HolidayKind.NATIONAL })
        assertEquals(d(2026, 4, 1), italianDate(java.time.Instant.parse("2026-03-31T23:30:00Z")))
        val cal = Calendar(saturdayIsHoliday = true)
        assertTrue(cal.saturdayIsHoliday())
        assertTrue(!Calendar().officeClosedOnSaturday())
    }
}
