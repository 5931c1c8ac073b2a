package it.sportello

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertNull
import kotlin.test.assertTrue

class IdentifiersTest {
    @Test
    fun parseDecodesANaturalPerson() {
        val cf = CodiceFiscale.parse("rcc mnl 83s18 d969h")
        assertEquals("RCCMNL83S18D969H", cf.value())
        assertEquals(Sex.MALE, cf.sex())
        assertEquals(18, cf.birthDay())
        assertEquals(11, cf.birthMonth())
        assertEquals(83, cf.birthYear2d())
        assertEquals("D969", cf.birthplaceCode())
        assertFalse(cf.isLegalPerson())
        assertFalse(cf.isOmocode())
        assertEquals(LocalDate.of(1983, 11, 18), cf.birthDate(1920))
    }

    @Test
    fun omocodicCodeHasACanonicalForm() {
        val cf = CodiceFiscale.parse("RSSMRA45C12F2L5N")
        assertTrue(cf.isOmocode())
        assertEquals("RSSMRA45C12F205C", cf.canonical().value())
        assertEquals(CodiceFiscale.parse("RSSMRA45C12F205C"), cf.canonical())
        assertEquals(128, cf.omocodicVariants().size)
        assertTrue(validateCodiciFiscali(cf.omocodicVariants().map { it.value() }).all { it })
    }

    @Test
    fun valuesCompareHashAndPrintAsTheCode() {
        val a = CodiceFiscale.parse("RCCMNL83S18D969H")
        val b = CodiceFiscale.parse("rccmnl83s18d969h")
        assertEquals(a, b)
        assertEquals(a.hashCode(), b.hashCode())
        assertEquals("RCCMNL83S18D969H", a.toString())
        assertEquals(1, setOf(a, b).size)
    }

    @Test
    fun numericCodeIsALegalPersonWithoutBirthData() {
        val cf = CodiceFiscale.parse("97735020584")
        assertTrue(cf.isLegalPerson())
        assertEquals(NumericClass.NOT_VAT_REGISTERED, cf.numericClass())
        assertNull(cf.sex())
        assertNull(cf.birthplaceCode())
        val e = assertFailsWith<SportelloException.InvalidCodiceFiscale> { cf.birthDate(1920) }
        assertEquals("no_birth_date", e.rule)
    }

    @Test
    fun wrongCheckCharacterNamesTheExpectedOne() {
        val e = assertFailsWith<SportelloException.InvalidCodiceFiscale> { CodiceFiscale.parse("RCCMNL83S18D969A") }
        assertEquals("check_character", e.rule)
        assertEquals(16, e.position)
        assertEquals("H", e.expected)
        assertEquals("A", e.found)
    }

    @Test
    fun eachRuleOfTheCodiceFiscaleHasItsKind() {
        val cases = mapOf(
            "RCCMNL83S18D969" to "length",
            "R1CMNL83S18D969H" to "character",
            "RCCMNL83F18D969H" to "month",
            "RCCMNL83S35D969H" to "day",
            "RCCMNL83D31D969H" to "calendar_date",
            "00743112503" to "office_code",
            "" to "length",
            "ÈÈÈÈÈÈÈÈÈÈÈÈÈÈÈÈ" to "character",
        )
        for ((text, rule) in cases) {
            val e = assertFailsWith<SportelloException.InvalidCodiceFiscale>(text) { CodiceFiscale.parse(text) }
            assertEquals(rule, e.rule, text)
            assertFalse(isValidCodiceFiscale(text), text)
        }
    }

    @Test
    fun partitaIvaParsesAndRefusesByRule() {
        val p = PartitaIva.parse("IT 00743110157")
        assertEquals("00743110157", p.value())
        assertEquals(74311, p.matricola())
        assertEquals(15, p.officeCode())
        assertEquals("IT00743110157", p.toEuVat())
        assertEquals(PartitaIva.parse("00743110157"), p)
        val e = assertFailsWith<SportelloException.InvalidPartitaIva> { PartitaIva.parse("00743110158") }
        assertEquals("check_digit", e.rule)
        assertEquals(11, e.position)
        assertEquals("7", e.expected)
        assertEquals("office_code", assertFailsWith<SportelloException.InvalidPartitaIva> { PartitaIva.parse("00743112003") }.rule)
        assertEquals("length", assertFailsWith<SportelloException.InvalidPartitaIva> { PartitaIva.parse("123") }.rule)
    }

    @Test
    fun listFormsValidateInOrder() {
        assertEquals(
            listOf(true, false, true, true),
            validateCodiciFiscali(listOf("RCCMNL83S18D969H", "RCCMNL83S18D969A", "rssmra45c12f2l5n", "00743110157")),
        )
        assertEquals(listOf(true, false), validatePartiteIva(listOf("00743110157", "00743110158")))
        assertTrue(isValidPartitaIva("00743110157"))
        assertTrue(isValidCodiceFiscale("RCCMNL83S18D969H"))
    }
}
