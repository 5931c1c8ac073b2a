package it.sportello

import java.time.LocalDate
import kotlin.test.Test
import kotlin.test.assertEquals
import kotlin.test.assertFailsWith
import kotlin.test.assertFalse
import kotlin.test.assertTrue

/** A registry implemented in Kotlin over plain maps: how a chamber plugs in its own client. */
class MapRegistry(companies: List<Company>, private val roles: List<Role>) : BusinessRegistryHost {
    private val byCf = companies.associateBy { it.codiceFiscale }
    var calls = 0

    override fun company(codiceFiscale: String): Company? {
        calls++
        return byCf[codiceFiscale]
    }

    override fun companyByRea(rea: String): Company? = byCf.values.firstOrNull { it.rea == rea }

    override fun rolesOf(codiceFiscale: String): List<Role> = roles.filter { it.person == codiceFiscale }
}

class BrokenRegistry : BusinessRegistryHost {
    override fun company(codiceFiscale: String): Company? =
        throw SportelloException.PortFailure("business_registry", "registry unreachable")

    override fun companyByRea(rea: String): Company? = null

    override fun rolesOf(codiceFiscale: String): List<Role> = throw IllegalStateException("socket closed")
}

class MapDirectory(private val pecs: Map<String, String>) : PecDirectoryHost {
    override fun domicileOf(codiceFiscale: String): DigitalDomicile? =
        pecs[codiceFiscale]?.let { DigitalDomicile(codiceFiscale, it, "companies") }
}

class IdentityTest {
    private val today = LocalDate.of(2026, 3, 2)
    private val mario = "RSSMRA80A01F205X"
    private val silvia = "MRNSLV85R62L682Y"
    private val rossiMeccanica = "01234560017"
    private val verdiAcciai = "03456780174"

    private fun cns(cf: String) = Identity.fromCns("CN=$cf/6120016461039008.abc=")

    @Test
    fun spidSampleParsesWithItsLevel() {
        val who = Identity.fromSpid(
            mapOf(
                "fiscalNumber" to "TINIT-GDASDV00A01H501J",
                "ivaCode" to "VATIT-97735020584",
                "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
            ),
        )
        assertEquals("GDASDV00A01H501J", who.codiceFiscale())
        assertEquals(LevelOfAssurance.SUBSTANTIAL, who.level())
        assertEquals("97735020584", who.partitaIva())
    }

    @Test
    fun malformedAssertionNamesTheAttribute() {
        val e = assertFailsWith<SportelloException.InvalidAssertion> {
            Identity.fromSpid(mapOf("fiscalNumber" to "GDASDV00A01H501J", "acr" to "https://www.spid.gov.it/SpidL2"))
        }
        assertEquals("fiscalNumber", e.attribute)
        assertEquals("prefix", e.rule)
        val level = assertFailsWith<SportelloException.InvalidAssertion> {
            Identity.fromCie(mapOf("fiscalNumber" to "TINIT-GDASDV00A01H501J", "acr" to "SpidL4"))
        }
        assertEquals("level", level.rule)
    }

    @Test
    fun profilesOfASoleDirector() {
        val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)
        val got = profiler.profiles(cns(mario), today).map { it.kind to it.company }
        assertEquals(listOf(ProfileKind.BUSINESS to rossiMeccanica, ProfileKind.PRIVATE to null), got)
    }

    @Test
    fun aKotlinRegistryGivesTheSameProfilesAsTheInMemoryOneOnTheFixtures() {
        val fixtures = InMemoryRegistry.fixtures()
        val host = MapRegistry(fixtures.companies(), fixtures.roles())
        val book = DelegationBook.fixtures()
        val native = Profiler(fixtures, book, null)
        val hosted = Profiler(host, book, null)
        val days = listOf(LocalDate.of(2023, 9, 30), LocalDate.of(2025, 2, 28), LocalDate.of(2025, 12, 31), today)
        for (day in days) {
            for (person in fixtures.persons()) {
                assertEquals(native.profiles(cns(person), day), hosted.profiles(cns(person), day), "$person on $day")
            }
        }
        assertTrue(host.calls > 0)
    }

    @Test
    fun aKotlinPecDirectoryGivesTheDigitalDomicile() {
        val profiler = Profiler(
            InMemoryRegistry.fixtures(), DelegationBook.fixtures(), MapDirectory(mapOf(rossiMeccanica to "rossi@pec.example.it")),
        )
        assertEquals("rossi@pec.example.it", profiler.profiles(cns(mario), today).first().digitalDomicile)
        val native = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), InMemoryPecDirectory.fixtures())
        assertEquals("rossimeccanica@pec.example.it", native.profiles(cns(mario), today).first().digitalDomicile)
    }

    @Test
    fun hostFailuresBecomePortFailures() {
        val profiler = Profiler(BrokenRegistry(), DelegationBook.fixtures(), null)
        val e = assertFailsWith<SportelloException.PortFailure> { profiler.profiles(cns(mario), today) }
        assertEquals("business_registry", e.port)
        assertTrue(e.reason.contains("socket closed") || e.reason.contains("registry unreachable"), e.reason)
    }

    @Test
    fun actingWithoutSupportIsRefusedAndAuthorizationNamesTheRule() {
        val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures(), null)
        val refused = assertFailsWith<SportelloException.NotAuthorized> {
            profiler.actAs(cns(mario), ProfileKind.BUSINESS, verdiAcciai, today)
        }
        assertEquals("not_offered", refused.rule)
        val silviaActor = profiler.actAs(cns(silvia), ProfileKind.INTERMEDIARY, verdiAcciai, today)
        val verdi = Party.Company(verdiAcciai)
        silviaActor.authorize(Action.UseService("accesso-atti", verdi, LevelOfAssurance.SUBSTANTIAL))
        val e = assertFailsWith<SportelloException.NotAuthorized> {
            silviaActor.authorize(Action.UseService("reclami", verdi, LevelOfAssurance.LOW))
        }
        assertEquals("delegation_scope", e.rule)
        assertFalse(silviaActor.may(Action.ManageDelegations(verdiAcciai)))
    }

    @Test
    fun representativeGrantsADelegation() {
        val registry = InMemoryRegistry.fixtures()
        val book = DelegationBook.fixtures()
        val marioActor = Profiler(registry, book, null).actAs(cns(mario), ProfileKind.BUSINESS, rossiMeccanica, today)
        val id = book.grant(marioActor, registry, rossiMeccanica, "97123450013", listOf("diritto-annuale"), today, null, today)
        assertEquals(6uL, id)
        val back = assertFailsWith<SportelloException.InvalidDelegation> {
            book.grant(marioActor, registry, rossiMeccanica, "97123450013", null, today.minusDays(1), null, today)
        }
        assertEquals("backdated", back.rule)
    }

    @Test
    fun officerOfAnotherChamberIsRefused() {
        val officers = OfficerRegister(LevelOfAssurance.SUBSTANTIAL)
        officers.seed(silvia, "Silvia Marino", "BG", listOf(OfficerRole.CASE_HANDLER), true)
        val officer = officers.actAsOfficer(cns(silvia), "BG")
        officer.authorize(Action.HandleCase("BG"))
        val e = assertFailsWith<SportelloException.NotAuthorized> { officer.authorize(Action.HandleCase("BS")) }
        assertEquals("chamber", e.rule)
    }
}
