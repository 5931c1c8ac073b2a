package it.sportello

import java.io.File
import java.math.BigDecimal
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue
import kotlin.test.fail

/** A minimal JSON reader/writer for the shared vectors (the pom carries no JSON library). */
@Suppress("UNCHECKED_CAST")
private fun Any?.obj() = this as Map<String, Any?>

class AllocationTest {
    private val bands = listOf(
        BandInput(3u, 3u, BigDecimal("2500"), BigDecimal("15000")),
        BandInput(4u, 10u, BigDecimal("5000"), BigDecimal("54400")),
    )

    private fun tenServices(): AllocationPlan = AllocationPlan(
        2014,
        listOf(
            ParticipantInput("MI", 356824uL, 10u, null, null),
            ParticipantInput("BS", 121878uL, 10u, null, null),
            ParticipantInput("BG", 96108uL, 10u, null, null),
            ParticipantInput("MB", 72009uL, 10u, null, null),
            ParticipantInput("PV", 48838uL, 10u, null, null),
            ParticipantInput("LC", 26935uL, 10u, null, null),
        ),
        listOf(
            PoolInput("maintenance", BigDecimal("182000"), Driver.BUSINESSES, bands),
            PoolInput("development", BigDecimal("70000"), Driver.SERVICES, emptyList()),
        ),
        null,
    )

    @Test
    fun milanIsClampedToTheBandMaximumAndTheRestIsReSpread() {
        val a = allocate(tenServices())
        val lines = a.lines("maintenance")
        assertEquals(BigDecimal("54400.00"), lines[0].amount)
        assertEquals(Bound.MAX, lines[0].clamped)
        assertEquals(BigDecimal("42517.75"), a.amount("maintenance", "BS"))
        assertNull(lines[1].clamped)
        assertEquals(BigDecimal("182000.00"), lines.fold(BigDecimal.ZERO) { s, l -> s + l.amount })
        assertEquals(BigDecimal("66066.66"), a.byChamber()["MI"])
    }

    @Test
    fun statementOfAChamberCarriesItsBoardTable() {
        val s = allocate(tenServices()).statement("MI")
        assertEquals(2, s.lines.size)
        assertEquals(722592uL, s.lines[0].driverTotal)
        assertTrue(s.markdown.contains("| max | € 54.400,00 |"))
    }

    @Test
    fun theShipped2014PlanIsInfeasibleWithItsFigures() {
        val e = assertFailsWith<SportelloException.AllocationInfeasible> { allocate(AllocationPlan.lombardy2014()) }
        assertEquals("maintenance", e.pool)
        assertEquals(BigDecimal("15000.00"), e.minimums)
        assertEquals(BigDecimal("90000.00"), e.maximums)
        val sponsored = allocate(AllocationPlan.lombardy2014().withSponsor("Unioncamere Lombardia", null))
        assertEquals(BigDecimal("92000.00"), sponsored.sponsorAmount())
    }

    @Test
    fun planRulesAreTypedErrors() {
        val e = assertFailsWith<SportelloException.InvalidAllocation> {
            AllocationPlan(
                2014,
                listOf(ParticipantInput("MI", 1uL, 11u, null, null)),
                listOf(PoolInput("maintenance", BigDecimal("10"), Driver.BUSINESSES, bands)),
                null,
            )
        }
        assertEquals("no_band", e.rule)
        val u = assertFailsWith<SportelloException.InvalidAllocation> { allocate(tenServices()).amount("maintenance", "SO") }
        assertEquals("unknown_chamber", u.rule)
    }

    @Test
    fun sharedVectorsGiveTheSameAmountsAsInRustAndPython() {
        val doc = MiniJson(File("../../testdata/allocation/vectors.json").readText()).parse().obj()
        val vectors = doc["vectors"] as List<*>
        assertTrue(vectors.size >= 40)
        for (v in vectors) {
            val name = v.obj()["name"] as String
            val plan = AllocationPlan.fromJson(MiniJson.write(v.obj()["plan"]))
            val expected = v.obj()["expected"].obj()
            val error = expected["error"]
            if (error != null) {
                val e = assertFailsWith<SportelloException.AllocationInfeasible>(name) { allocate(plan) }
                assertEquals(error.obj()["pool"], e.pool, name)
                assertEquals(BigDecimal(error.obj()["minimums"] as String), e.minimums, name)
                assertEquals((error.obj()["maximums"] as String?)?.let { BigDecimal(it) }, e.maximums, name)
                continue
            }
            val a = try { allocate(plan) } catch (e: SportelloException) { fail("$name: ${e.message}") }
            for ((pool, p) in expected["pools"].obj()) {
                for ((chamber, amount) in p.obj()["amounts"].obj()) {
                    assertEquals(BigDecimal(amount as String), a.amount(pool, chamber), "$name $pool $chamber")
                }
                assertEquals(BigDecimal(p.obj()["sponsored"] as String), a.sponsored(pool), "$name $pool")
            }
            val totals = expected["totals"].obj().mapValues { BigDecimal(it.value as String) }
            assertEquals(totals, a.byChamber(), name)
        }
    }
}
