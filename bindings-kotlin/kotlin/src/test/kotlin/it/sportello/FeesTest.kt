package it.sportello

import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertNull
import kotlin.test.assertTrue

/** The annual fee through the Kotlin front door, on the vectors shared with Rust and Python. */
class FeesTest {
    @Suppress("UNCHECKED_CAST")
    private val vectors: Map<String, Any?> = MiniJson(vectorsFile().readText()).parse() as Map<String, Any?>

    private fun vectorsFile(): File {
        var dir: File? = File(System.getProperty("user.dir")).absoluteFile
        while (dir != null) {
            val f = File(dir, "testdata/fees/vectors.json")
            if (f.exists()) return f
            dir = dir.parentFile
        }
        error("testdata/fees/vectors.json not found above ${System.getProperty("user.dir")}")
    }

    @Suppress("UNCHECKED_CAST")
    private fun cases(key: String): List<Map<String, Any?>> = vectors[key] as List<Map<String, Any?>>

    @Suppress("UNCHECKED_CAST")
    private fun input(r: Map<String, Any?>): AnnualFeeInput = AnnualFeeInput(
        year = (r["year"] as BigDecimal).toInt(),
        subject = SubjectKind.valueOf((r["subject"] as String).uppercase()),
        turnover = (r["turnover"] as String?)?.let { BigDecimal(it) },
        sedeChamber = r["sede_chamber"] as String?,
        localUnits = ((r["local_units"] ?: emptyMap<String, Any?>()) as Map<String, Any?>)
            .mapValues { (it.value as BigDecimal).toInt().toUInt() },
        surcharges = ((r["surcharges"] ?: emptyMap<String, Any?>()) as Map<String, Any?>)
            .mapValues { BigDecimal(it.value as String) },
        occasion = when {
            r["new_registration"] == true -> Occasion.NEW_REGISTRATION
            r["new_local_units"] == true -> Occasion.NEW_LOCAL_UNITS
            else -> null
        },
        stepMode = (r["step_mode"] as String?)?.let { parseRoundingMode(it) },
    )

    private fun deadline(c: Map<String, Any?>) = FeeDeadline(
        dueBy = LocalDate.parse(c["deadline"] as String),
        windowUntil = (c["window_until"] as String?)?.let { LocalDate.parse(it) },
    )

    private fun figure(fee: ChamberFee, field: String): BigDecimal = when (field) {
        "sede_base" -> fee.sedeBase
        "unit_base" -> fee.unitBase
        "units_base" -> fee.unitsBase
        "total_base" -> fee.totalBase
        "reduced" -> fee.reduced
        "increased" -> fee.increased
        "due_cents" -> fee.dueCents
        "due" -> fee.due
        else -> error("unknown figure $field")
    }

    @Test
    @Suppress("UNCHECKED_CAST")
    fun workedExamplesReproduceToTheCentWithIntermediates() {
        val all = cases("annual_fee")
        assertTrue(all.size >= 15)
        for (case in all) {
            val name = case["name"]
            val fee = annualFee(input(case["request"] as Map<String, Any?>))
            val expected = case["expected"] as Map<String, Any?>
            assertEquals(BigDecimal(expected["total_due"] as String), fee.totalDue, "$name total")
            val byChamber = expected["by_chamber"] as Map<String, Map<String, String>>
            assertEquals(byChamber.keys, fee.byChamber.keys, "$name chambers")
            for ((chamber, figures) in byChamber) {
                for ((field, value) in figures) {
                    assertEquals(BigDecimal(value), figure(fee.byChamber.getValue(chamber), field), "$name $chamber.$field")
                }
            }
        }
    }

    @Test
    @Suppress("UNCHECKED_CAST")
    fun refusalsNameFieldAndRule() {
        for (case in cases("annual_fee_errors")) {
            val e = assertFailsWith<SportelloException> { annualFee(input(case["request"] as Map<String, Any?>)) }
            when (e) {
                is SportelloException.FeeRefused -> {
                    assertEquals(case["field"], e.field, "${case["name"]}")
                    assertEquals(case["rule"], e.rule, "${case["name"]}")
                }
                is SportelloException.FeeSurchargeUnknown -> assertEquals("surcharge_known", case["rule"])
                else -> throw AssertionError("unexpected $e for ${case["name"]}")
            }
        }
    }

    @Test
    fun deadlines() {
        for (case in cases("deadlines")) {
            val d = annualDeadline((case["year"] as BigDecimal).toInt(), case["isa"] as Boolean)
            assertEquals(LocalDate.parse(case["due_by"] as String), d.dueBy, "${case["name"]}")
            assertEquals(LocalDate.parse(case["window_until"] as String), d.windowUntil, "${case["name"]}")
        }
    }

    @Test
    @Suppress("UNCHECKED_CAST")
    fun latePaymentVectors() {
        for (case in cases("late_payment")) {
            val lp = latePayment(BigDecimal(case["due"] as String), deadline(case), LocalDate.parse(case["paid_on"] as String))
            val exp = case["expected"] as Map<String, Any?>
            val name = case["name"]
            assertEquals(LateKind.valueOf((exp["kind"] as String).uppercase()), lp.kind, "$name kind")
            assertEquals((exp["days_late"] as BigDecimal).toLong(), lp.daysLate.toLong(), "$name days")
            assertEquals(BigDecimal(exp["fee_amount"] as String), lp.feeAmount, "$name 3850")
            assertEquals(BigDecimal(exp["interest"] as String), lp.interest, "$name 3851")
            assertEquals(BigDecimal(exp["sanction"] as String), lp.sanction, "$name 3852")
            assertEquals(BigDecimal(exp["total"] as String), lp.total, "$name total")
            (exp["window_increase"] as String?)?.let { assertEquals(BigDecimal(it), lp.windowIncrease, "$name window") }
            (exp["sanction_rate"] as String?)?.let { assertEquals(BigDecimal(it), lp.sanctionRate, "$name sanction rate") }
            (exp["interest_periods"] as List<Map<String, Any?>>?)?.let { periods ->
                val want = periods.map {
                    listOf((it["year"] as BigDecimal).toInt(), (it["days"] as BigDecimal).toLong(), BigDecimal(it["percent"] as String), BigDecimal(it["amount"] as String))
                }
                val got = lp.interestPeriods.map { listOf(it.year, it.days, it.percent, it.amount) }
                assertEquals(want, got, "$name interest periods")
            }
        }
        val expired = cases("late_payment_errors").first()
        val e = assertFailsWith<SportelloException.FeeRavvedimentoExpired> {
            latePayment(BigDecimal(expired["due"] as String), deadline(expired), LocalDate.parse(expired["paid_on"] as String))
        }
        assertEquals(LocalDate.of(2025, 7, 1), e.lastDay)
    }

    @Test
    @Suppress("UNCHECKED_CAST")
    fun f24Rows() {
        for (case in cases("f24")) {
            val rows = f24Rows(
                input(case["request"] as Map<String, Any?>),
                LocalDate.parse(case["paid_on"] as String),
                deadline(case),
            )
            val got = rows.map { mapOf("codice_ente" to it.codiceEnte, "tax_code" to it.taxCode, "year" to it.year.toLong().toBigDecimal(), "amount" to it.amount.toPlainString()) }
            assertEquals(case["rows"], got, "${case["name"]}")
        }
    }

    @Test
    fun batchOverLists() {
        val fees = annualFeesBatch(
            2019,
            listOf(SubjectKind.TURNOVER_BASED, SubjectKind.INDIVIDUAL_SPECIAL_SECTION, SubjectKind.REA_ONLY),
            listOf(BigDecimal("265815"), null, null),
            listOf(2u, 1u, 5u),
            BigDecimal("0.20"),
        )
        assertEquals(listOf(BigDecimal("189"), BigDecimal("63"), BigDecimal("18")), fees)
        val e = assertFailsWith<SportelloException.FeeRefused> {
            annualFeesBatch(2024, listOf(SubjectKind.REA_ONLY, SubjectKind.TURNOVER_BASED), listOf(null, null), listOf(0u, 0u), BigDecimal.ZERO)
        }
        assertEquals(1uL, e.row)
        assertEquals("turnover", e.field)
    }

    @Test
    fun batchTakesTheSurchargeOfItsChamberOrRefusesToGuess() {
        val special = listOf(SubjectKind.INDIVIDUAL_SPECIAL_SECTION)
        assertEquals(listOf(BigDecimal("53")), annualFeesBatch(2024, special, listOf(null), listOf(0u), chamber = "BG"))
        assertFailsWith<SportelloException.FeeSurchargeUnknown> {
            annualFeesBatch(2024, special, listOf(null), listOf(0u), chamber = "VA")
        }
        val e = assertFailsWith<SportelloException.FeeRefused> { annualFeesBatch(2024, special, listOf(null), listOf(0u)) }
        assertEquals("chamber_or_surcharge", e.rule)
    }

    @Test
    fun milanoSeatAndMonzaUnitPayOneFeeToTheMergedChamber() {
        val input = AnnualFeeInput(
            year = 2024,
            subject = SubjectKind.INDIVIDUAL_SPECIAL_SECTION,
            sedeChamber = "MI",
            localUnits = mapOf("MB" to 1u),
        )
        val fee = annualFee(input)
        assertEquals(setOf("MIMBLO"), fee.byChamber.keys)
        assertEquals(BigDecimal("63"), fee.totalDue)
        assertEquals(1, f24Rows(input).size)
    }

    @Test
    fun aTurnoverOrDueAmountOutsideTheMoneyDomainIsRefusedNamingTheField() {
        val input = AnnualFeeInput(year = 2024, subject = SubjectKind.TURNOVER_BASED, sedeChamber = "BG")
        val six = assertFailsWith<SportelloException.InvalidAmount> {
            annualFee(input.copy(turnover = BigDecimal("100000.00000000001")))
        }
        assertEquals("turnover", six.field)
        assertEquals("max_decimals", six.rule)
        val huge = assertFailsWith<SportelloException.InvalidAmount> {
            latePayment(BigDecimal("1E+16"), FeeDeadline(LocalDate.of(2024, 7, 1), null), LocalDate.of(2024, 7, 2))
        }
        assertEquals("due", huge.field)
        assertEquals("range", huge.rule)
    }

    @Test
    fun configChangesTheUnconfirmedChoices() {
        val input = AnnualFeeInput(year = 2023, subject = SubjectKind.REA_ONLY, sedeChamber = "MIMBLO")
        assertEquals("MI", f24Rows(input).single().codiceEnte)
        val cfg = FeeConfig.fromJson("""{"ente_codes": {"codes": {"MIMBLO": "MB"}}}""")
        assertEquals("MB", f24Rows(input, config = cfg).single().codiceEnte)
        assertEquals(FeeConfig.default().toJson(), FeeConfig.fromJson("{}").toJson())
        val e = assertFailsWith<SportelloException.FeeRefused> { FeeConfig.fromJson("""{"tabels": {}}""") }
        assertEquals("config_format", e.rule)
        val occasion = annualFee(input.copy(subject = SubjectKind.TURNOVER_BASED, occasion = Occasion.NEW_REGISTRATION))
        assertEquals(BigDecimal("120"), occasion.totalDue)
    }

    @Test
    fun deadlinesWithAWindowBeforeTheirDayAreRefused() {
        val e = assertFailsWith<SportelloException.FeeRefused> { feeDeadline(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 6, 30)) }
        assertEquals("window_after_deadline", e.rule)
        assertFailsWith<SportelloException.FeeRefused> {
            latePayment(BigDecimal("100"), FeeDeadline(LocalDate.of(2024, 7, 1), LocalDate.of(2024, 6, 30)), LocalDate.of(2024, 7, 2))
        }
    }

    @Test
    fun copiesStampDutyAndServiceFees() {
        assertEquals(BigDecimal("16.00"), stampDuty())
        assertEquals(BigDecimal("53.50"), copyQuote("VR", 5u, certified = true).total)
        val q = serviceFeeQuote("""{"kind": "fixed", "secretarial": "5.00", "stamps": 1}""", "BG")
        assertEquals(BigDecimal("21.00"), q.total)
        val e = assertFailsWith<SportelloException.FeeRefused> { serviceFeeQuote("""{"kind": "gratis"}""", "BG") }
        assertEquals("service_fee", e.field)
    }

    @Test
    fun newRegistrationDeadlineHasNoWindow() {
        val d = newRegistrationDeadline(LocalDate.of(2024, 5, 2))
        assertEquals(LocalDate.of(2024, 6, 3), d.dueBy)
        assertNull(d.windowUntil)
    }
}
