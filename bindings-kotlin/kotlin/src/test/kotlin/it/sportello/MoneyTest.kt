package it.sportello

import java.math.BigDecimal
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith

class MoneyTest {
    @Test
    fun stepRoundingIsHalfEvenOrAsChosen() {
        assertEquals(BigDecimal("0.00002"), roundStep(BigDecimal("0.000025"), RoundingMode.HALF_EVEN))
        assertEquals(BigDecimal("0.00003"), roundStep(BigDecimal("0.000025"), RoundingMode.HALF_UP))
    }

    @Test
    fun euroAndCentsRoundHalfUp() {
        assertEquals(BigDecimal("173"), roundEuro(BigDecimal("172.5")))
        assertEquals(BigDecimal("0.01"), roundCents(BigDecimal("0.005")))
    }

    @Test
    fun italianFormat() {
        assertEquals("€ 1.234.567,50", formatEuro(BigDecimal("1234567.5")))
    }

    @Test
    fun unknownRoundingModeIsATypedError() {
        val e = assertFailsWith<SportelloException.InvalidAmount> { parseRoundingMode("sideways") }
        assertEquals("mode", e.field)
        assertEquals("rounding_mode", e.rule)
    }

    @Test
    fun aBigDecimalBeyondTheDecimalTypeIsAnInvalidAmountNotAnInternalError() {
        val fortyDigits = BigDecimal("1234567890123456789012345678901234567890")
        val e = assertFailsWith<SportelloException.InvalidAmount> { roundCents(fortyDigits) }
        assertEquals("range", e.rule)
        assertEquals("amount", e.field)
    }

    @Test
    fun amountsFollowTheOneDomainRule() {
        val tooBig = assertFailsWith<SportelloException.InvalidAmount> { roundCents(BigDecimal("1000000000000000.01")) }
        assertEquals("range", tooBig.rule)
        val tooFine = assertFailsWith<SportelloException.InvalidAmount> { roundCents(BigDecimal("0.12345678901")) }
        assertEquals("max_decimals", tooFine.rule)
        assertEquals(BigDecimal("1000000000000000.00"), roundCents(BigDecimal("1000000000000000")))
    }
}
