package it.sportello

import java.io.File
import java.math.BigDecimal
import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertTrue

class CatalogTest {
    private val catalog = Catalog.default()

    @Test
    fun `the three needs of the issue find their service first`() {
        assertEquals("diritto-annuale", catalog.search("devo pagare la tassa annuale della camera", profile = ProfileKind.BUSINESS)[0].serviceId)
        assertEquals("accesso-atti", catalog.search("voglio vedere i documenti della mia pratica")[0].serviceId)
        assertEquals("bandi-contributi", catalog.search("cerco contributi per digitalizzare l'azienda")[0].serviceId)
    }

    @Test
    fun `each hit says why it matched`() {
        val hit = catalog.search("tassa annuale", limit = 1u).single()
        val phrase = hit.reasons.first { it.via == "need_phrase" }
        assertEquals("tassa annuale", phrase.viaFrom)
        assertEquals("diritto annuale", phrase.viaTo)
        assertTrue("name" in phrase.fields)
    }

    @Test
    fun `the chamber filter keeps only active services`() {
        assertTrue(catalog.search("firma digitale", chamber = "SO").isEmpty())
        assertEquals("firma-digitale", catalog.search("firma digitale", chamber = "MIMBLO")[0].serviceId)
        val err = assertFailsWith<SportelloException.Catalog> { catalog.search("visura", chamber = "RM") }
        assertEquals("known_chamber", err.rule)
        assertEquals("chamber", err.field)
    }

    @Test
    fun `event and channel filters apply`() {
        val hits = catalog.searchFiltered("impresa", businessEvent = 6, limit = 20u)
        assertTrue(hits.isNotEmpty())
        hits.forEach { assertTrue(6 in catalog.service(it.serviceId).businessEvents) }
        catalog.searchFiltered("registro imprese", channel = Channel.PEC, limit = 20u).forEach {
            assertTrue(Channel.PEC in catalog.service(it.serviceId).channels)
        }
        val err = assertFailsWith<SportelloException.Catalog> { catalog.searchFiltered("x", businessEvent = 256) }
        assertEquals("agid_vocabulary", err.rule)
        assertEquals("business_event", err.field)
        val malformed = assertFailsWith<SportelloException.UnknownChamber> { catalog.search("x", chamber = "x") }
        assertEquals("code_format", malformed.rule)
    }

    @Test
    fun `service cards carry BigDecimal costs`() {
        val bilanci = catalog.service("bilanci")
        assertEquals(listOf(BigDecimal("62.70"), BigDecimal("65.00")), bilanci.costs.map { it.amount })
        assertEquals("substantial", bilanci.levelOfAssurance)
        val err = assertFailsWith<SportelloException.Catalog> { catalog.service("nope") }
        assertEquals("known_service", err.rule)
    }

    @Test
    fun `each chamber shows its package with local names`() {
        assertEquals(listOf("MIMBLO", "BG", "BS", "COLC", "CRMNPV", "SO", "VA"), catalog.chambers())
        val mi = catalog.forChamber("MIMBLO")
        assertEquals(10, mi.size)
        assertEquals("Diritto annuale online", mi[2].name)
    }

    @Test
    fun `browsing by category and event`() {
        assertEquals(listOf("bandi-contributi"), catalog.byCategory("bandi").map { it.id })
        assertEquals(listOf("registro-imprese-pratiche"), catalog.byBusinessEvent(10).map { it.id })
        assertTrue(catalog.categories().any { it.code == "firma-digitale" })
    }

    @Test
    fun `a registry company goes in directly, and an undeclared size fails the calls limited by size`() {
        val verdi = InMemoryRegistry.fixtures().companies().first { it.rea == "BS-501234" }
        val on = LocalDate.of(2026, 3, 16)
        assertEquals(listOf("transizione-ecologica-2026"), catalog.eligibleGrantsForCompany(verdi, on, SizeClass.MEDIUM).eligible)
        val undeclared = catalog.eligibleGrantsForCompany(verdi, on)
        val crafts = undeclared.ineligible.first { it.grantId == "artigianato-innovazione-2026" }
        assertTrue(crafts.failures.any { it.criterion == "size_class" && it.message.startsWith("size class not declared") })
    }

    @Test
    fun `grants for a Milan software company`() {
        val company = GrantApplicant(
            atecoSections = listOf("J"),
            legalForm = "SR",
            size = SizeClass.MICRO,
            registeredOfficeProvince = "MI",
            localUnitProvinces = listOf("BG"),
            registeredOn = LocalDate.of(2019, 6, 12),
            active = true,
        )
        val report = catalog.eligibleGrants(company, LocalDate.of(2026, 3, 16))
        assertEquals(listOf("voucher-digitali-i40-2026"), report.eligible)
        val fiere = report.ineligible.first { it.grantId == "fiere-internazionali-2026" }
        assertEquals(listOf("province"), fiere.failures.map { it.criterion })
        val lower = company.copy(legalForm = "sr", registeredOfficeProvince = "mi", localUnitProvinces = listOf("bg"))
        assertEquals(report.eligible, catalog.eligibleGrants(lower, LocalDate.of(2026, 3, 16)).eligible)
        val err = assertFailsWith<SportelloException.Catalog> {
            catalog.eligibleGrants(company.copy(atecoSections = listOf("Z")), LocalDate.of(2026, 3, 16))
        }
        assertEquals("ateco_section", err.rule)
        val province = assertFailsWith<SportelloException.UnknownProvince> {
            catalog.eligibleGrants(company.copy(registeredOfficeProvince = "M1"), LocalDate.of(2026, 3, 16))
        }
        assertEquals("province_format", province.rule)
    }

    @Test
    fun `a chamber's catalogue and the calls for grants are reachable`() {
        val mi = catalog.chamber("MIMBLO")
        assertEquals(10, mi.active.size)
        assertEquals("Diritto annuale online", mi.localNames["diritto-annuale"])
        val voucher = catalog.grants().first { it.id == "voucher-digitali-i40-2026" }
        assertEquals(BigDecimal("2000000"), voucher.budget)
        assertEquals(listOf("MI", "MB", "LO"), voucher.provinces)
        assertEquals(listOf(SizeClass.MICRO, SizeClass.SMALL, SizeClass.MEDIUM), voucher.sizeClasses)
        assertTrue(ProfileKind.BUSINESS in catalog.service("diritto-annuale").audience)
    }

    @Test
    fun `the JSON-LD export is a catalogue per chamber with the mandatory properties`() {
        val bg = catalog.toJsonld("BG")
        assertTrue(bg.contains("\"@context\""))
        assertEquals(8, Regex("\"@type\":\"cpsv:PublicService\"").findAll(bg).count())
        val all = catalog.toJsonld()
        assertEquals(catalog.services().size, Regex("\"@type\":\"cpsv:PublicService\"").findAll(all).count())
        assertEquals(catalog.services().size, Regex("\"m8g:hasCompetentAuthority\"").findAll(all).count())
    }

    @Test
    fun `the shared need phrases reach the bar through Kotlin too`() {
        val text = File("../../testdata/catalog/needs.json").readText()
        val pairs = Regex("\\{\"text\": \"([^\"]+)\", \"expected\": \"([^\"]+)\"\\}").findAll(text).map { it.groupValues[1] to it.groupValues[2] }.toList()
        assertTrue(pairs.size >= 60, "read ${pairs.size} phrases")
        val found = pairs.count { (need, expected) -> catalog.search(need, limit = 3u).any { it.serviceId == expected } }
        assertTrue(found >= pairs.size * 9 / 10, "$found of ${pairs.size}")
    }

    @Test
    fun `a company JSON that is not a registry company is refused with the rule`() {
        val bad = assertFailsWith<SportelloException.Catalog> {
            grantApplicantFromCompanyJson("{}", SizeClass.MICRO, LocalDate.of(2026, 1, 1))
        }
        assertEquals("json", bad.rule)
        val old = assertFailsWith<SportelloException.Catalog> {
            grantApplicantFromCompanyJson("{}", SizeClass.MICRO, LocalDate.of(2026, 1, 1), AtecoVersion.ATECO2007)
        }
        assertEquals("json", old.rule)
    }
}
