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

    @Test
    fun aRevocationTakesEffectOnAProfilerBuiltBeforeIt() {
        val registry = InMemoryRegistry.fixtures()
        val book = DelegationBook.fixtures()
        val profiler = Profiler(registry, book)
        val silviaActor = profiler.actAs(cns(silvia), ProfileKind.INTERMEDIARY, rossiMeccanica, today)
        val number = silviaActor.profile()!!.delegationId!!
        val marioActor = profiler.actAs(cns(mario), ProfileKind.BUSINESS, rossiMeccanica, today)
        book.revoke(marioActor, registry, number, today)
        val e = assertFailsWith<SportelloException.NotAuthorized> {
            profiler.actAs(cns(silvia), ProfileKind.INTERMEDIARY, rossiMeccanica, today)
        }
        assertEquals("act_as" to "not_offered", e.action to e.rule)
        assertEquals(today, book.delegations().first { it.id == number }.revokedOn)
    }

    @Test
    fun aRoleAddedToTheRegistryIsSeenByAnExistingProfiler() {
        val registry = InMemoryRegistry.fixtures()
        val profiler = Profiler(registry, DelegationBook())
        assertFalse(profiler.profiles(cns(silvia), today).any { it.company == verdiAcciai })
        registry.addRole(
            Role(silvia, verdiAcciai, "AMM", "amministratore", "director", true, LocalDate.of(2026, 1, 1), null),
        )
        assertTrue(profiler.profiles(cns(silvia), today).any { it.company == verdiAcciai })
    }

    @Test
    fun anEmptyRegistryTakesCompaniesAndRefusesARoleOfAnUnknownCompany() {
        val fixtures = InMemoryRegistry.fixtures()
        val registry = InMemoryRegistry()
        val verdi = fixtures.companies().first { it.codiceFiscale == verdiAcciai }
        val role = Role(silvia, verdiAcciai, "AMM", "amministratore", "director", true, LocalDate.of(2026, 1, 1), null)
        val e = assertFailsWith<SportelloException.InvalidRegistryData> { registry.addRole(role) }
        assertEquals("role" to "unknown_company", e.field to e.rule)
        registry.addCompany(verdi)
        registry.addRole(role)
        assertEquals(listOf(verdiAcciai), registry.companies().map { it.codiceFiscale })
    }

    @Test
    fun aBadProfileChoiceIsAnInputErrorNotARefusal() {
        val profiler = Profiler(InMemoryRegistry.fixtures(), DelegationBook.fixtures())
        val missing = assertFailsWith<SportelloException.InvalidProfileChoice> {
            profiler.actAs(cns(mario), ProfileKind.BUSINESS, null, today)
        }
        assertEquals("company" to "company_required", missing.field to missing.rule)
        val extra = assertFailsWith<SportelloException.InvalidProfileChoice> {
            profiler.actAs(cns(mario), ProfileKind.PRIVATE, rossiMeccanica, today)
        }
        assertEquals("company_not_expected", extra.rule)
    }

    @Test
    fun theProfilingPolicyOffersCompaniesInLiquidationWhenAChamberChoosesIt() {
        val luigi = "BRBLGU60B19C933D"
        val pavesi = "02233440987"
        val default = Profiler(InMemoryRegistry.fixtures(), DelegationBook())
        assertFalse(default.profiles(cns(luigi), today).any { it.company == pavesi })
        val policy = defaultProfilingPolicy().copy(companyStates = listOf("active", "in_liquidation"))
        val liquidators = Profiler(InMemoryRegistry.fixtures(), DelegationBook(), null, policy)
        assertTrue(liquidators.profiles(cns(luigi), today).any { it.company == pavesi })
        val bad = assertFailsWith<SportelloException.InvalidRegistryData> {
            Profiler(InMemoryRegistry.fixtures(), DelegationBook(), null, policy.copy(companyStates = listOf("open")))
        }
        assertEquals("company_states", bad.field)
    }

    @Test
    fun intermediariesAreRegisteredAndDelegationsListed() {
        val registry = InMemoryRegistry.fixtures()
        val book = DelegationBook()
        book.registerProfessional(silvia, "Silvia Marino", "ODCEC Milano", "1234")
        val dup = assertFailsWith<SportelloException.InvalidDelegation> {
            book.registerAssociation(silvia, "Silvia again", listOf(silvia))
        }
        assertEquals("codice_fiscale" to "duplicate_intermediary", dup.field to dup.rule)
        val marioActor = Profiler(registry, book).actAs(cns(mario), ProfileKind.BUSINESS, rossiMeccanica, today)
        val id = book.grant(marioActor, registry, rossiMeccanica, silvia, null, today, null, today)
        val granted = book.delegations().single()
        assertEquals(id to mario, granted.id to granted.grantedBy)
        assertEquals(null, granted.services)
    }

    @Test
    fun anAdministratorAppointsAndDeactivatesOfficers() {
        val giuseppe = "VRDGPP68M12B157Y"
        val officers = OfficerRegister()
        assertEquals(LevelOfAssurance.SUBSTANTIAL, officers.minLevel())
        officers.seed(giuseppe, "Giuseppe Verdi", "BG", listOf(OfficerRole.ADMINISTRATOR), true)
        val admin = officers.actAsOfficer(cns(giuseppe), "BG")
        officers.appoint(admin, silvia, "Silvia Marino", "BG", listOf(OfficerRole.CASE_HANDLER), true)
        val silviaOfficer = officers.actAsOfficer(cns(silvia), "BG")
        val refused = assertFailsWith<SportelloException.NotAuthorized> {
            officers.appoint(silviaOfficer, mario, "Mario Rossi", "BG", listOf(OfficerRole.ADMINISTRATOR), true)
        }
        assertEquals("officer_role", refused.rule)
        assertEquals(setOf(giuseppe, silvia), officers.officers().map { it.codiceFiscale }.toSet())
        officers.deactivate(admin, "BG", silvia)
        assertFalse(officers.officers().first { it.codiceFiscale == silvia }.active)
        val gone = assertFailsWith<SportelloException.NotAuthorized> { officers.actAsOfficer(cns(silvia), "BG") }
        assertEquals("officer_account", gone.rule)
    }

    @Test
    fun aChamberConfiguresItsAssuranceTable() {
        val eidas = LevelsByClass(LevelOfAssurance.LOW, LevelOfAssurance.SUBSTANTIAL, LevelOfAssurance.HIGH)
        val table = AssuranceTable(eidas, eidas, LevelOfAssurance.SUBSTANTIAL)
        val card = Identity.fromCns("CN=$mario/6120016461039008.abc=", table)
        assertEquals(LevelOfAssurance.SUBSTANTIAL, card.level())
        assertEquals(LevelOfAssurance.HIGH, cns(mario).level())
        val decreasing = LevelsByClass(LevelOfAssurance.HIGH, LevelOfAssurance.LOW, LevelOfAssurance.LOW)
        val e = assertFailsWith<SportelloException.InvalidAssertion> { AssuranceTable(decreasing, eidas, LevelOfAssurance.HIGH) }
        assertEquals("table_order", e.rule)
        assertEquals(LevelOfAssurance.HIGH, AssuranceTable.defaultTable().level("spid", "https://www.spid.gov.it/SpidL3"))
    }

    @Test
    fun aStoredIdentityIsReadBackAndAForgedLevelIsRefused() {
        val who = Identity.fromSpid(
            mapOf(
                "fiscalNumber" to "TINIT-GDASDV00A01H501J",
                "spidCode" to "SPID0123456789",
                "authnContextClassRef" to "https://www.spid.gov.it/SpidL2",
            ),
        )
        assertEquals("https://www.spid.gov.it/SpidL2", who.authnLevel())
        assertEquals("SPID0123456789", who.spidCode())
        assertEquals(who.toJson(), Identity.fromJson(who.toJson()).toJson())
        val forged = who.toJson().replace("\"level\":\"substantial\"", "\"level\":\"high\"")
        val e = assertFailsWith<SportelloException.InvalidAssertion> { Identity.fromJson(forged) }
        assertEquals("level_consistency", e.rule)
    }
}
