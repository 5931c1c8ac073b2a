//! The Registro Imprese fixtures, profiling, delegations and authorization, as specifications.
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeSet;

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;
use sportello::authz::{
    authorize, Action, Actor, DenialRule, NotAuthorized, Officer, OfficerRegister, OfficerRole, Party,
};
use sportello::identifiers::CodiceFiscale;
use sportello::identity::{AssuranceTable, Identity, LevelOfAssurance};
use sportello::memory::{
    InMemoryPecDirectory, InMemoryRegistry, RegistryData, DELEGATION_FIXTURES, REGISTRY_FIXTURES,
};
use sportello::ports::BusinessRegistry;
use sportello::profile::{
    Delegation, DelegationBook, DelegationError, DelegationId, DelegationRequest, DelegationScope,
    ErrorClass, Intermediary, ProfileBasis, ProfileChoice, ProfileError, ProfileKind, Profiler,
    ProfilingPolicy,
};
use sportello::registry::{
    CompanyState, LegalFamily, Rea, RegistryError, Role, RoleKind, Section, SpecialCategory,
};

const MARIO: &str = "RSSMRA80A01F205X";
const LUCIA: &str = "BNCLCU75C41A794Q";
const GIUSEPPE: &str = "VRDGPP68M12B157Y";
const ANNA: &str = "FRRNNA82T55F704Z";
const SILVIA: &str = "MRNSLV85R62L682Y";
const LUIGI: &str = "BRBLGU60B19C933D";
const ROBERTA: &str = "SPSRRT77P50G388A";
const ROSSI_MECCANICA: &str = "01234560017";
const VERDI_ACCIAI: &str = "03456780174";
const GALLI_LEGNAMI: &str = "05678900191";
const FERRARI_COLOMBO: &str = "04567890134";
const OFFICINE_PAVESI: &str = "02233440987";

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}
fn cf(s: &str) -> CodiceFiscale {
    s.parse().unwrap()
}
fn today() -> NaiveDate {
    d(2026, 3, 2)
}
fn who(person: &str) -> Identity {
    Identity::from_cns(&format!("CN={person}/6120016461039008.abc="), &AssuranceTable::default()).unwrap()
}
fn registry() -> InMemoryRegistry {
    InMemoryRegistry::with_fixtures().unwrap()
}
fn book() -> DelegationBook {
    DelegationBook::from_json(DELEGATION_FIXTURES).unwrap()
}
fn offered(
    reg: &InMemoryRegistry,
    book: &DelegationBook,
    person: &str,
    day: NaiveDate,
) -> Vec<(ProfileKind, String)> {
    Profiler::new(reg, book)
        .profiles(&who(person), day)
        .unwrap()
        .into_iter()
        .map(|p| (p.kind, p.company.map(|c| c.codice_fiscale.to_string()).unwrap_or_default()))
        .collect()
}
fn acting(person: &str, kind: ProfileKind, company: Option<&str>) -> Actor {
    let (r, b) = (registry(), book());
    Profiler::new(&r, &b)
        .act_as(&who(person), &ProfileChoice { kind, company: company.map(cf) }, today())
        .unwrap()
}

// -- registry fixtures -----------------------------------------------------------------------

#[test]
fn fixtures_cover_every_legal_form_the_annual_fee_tells_apart() {
    let companies = registry().companies();
    let has = |family: LegalFamily, section: Option<Section>| {
        companies
            .iter()
            .any(|c| c.legal_form.family() == Some(family) && section.is_none_or(|s| c.section == s))
    };
    // Fixed amounts (annual-fee.md §2.1-2.2).
    assert!(has(LegalFamily::IndividualEnterprise, Some(Section::Speciale(SpecialCategory::Artisans))));
    assert!(has(
        LegalFamily::IndividualEnterprise,
        Some(Section::Speciale(SpecialCategory::SmallEntrepreneurs))
    ));
    assert!(has(LegalFamily::IndividualEnterprise, Some(Section::Ordinaria)));
    assert!(has(LegalFamily::SimplePartnership, Some(Section::Speciale(SpecialCategory::Agriculture))));
    assert!(has(
        LegalFamily::SimplePartnership,
        Some(Section::Speciale(SpecialCategory::SimplePartnerships))
    ));
    assert!(has(
        LegalFamily::ProfessionalsCompany,
        Some(Section::Speciale(SpecialCategory::LawyersCompanies))
    ));
    assert!(has(LegalFamily::Association, Some(Section::ReaOnly)));
    assert!(has(LegalFamily::Foundation, Some(Section::ReaOnly)));
    assert!(has(LegalFamily::Foreign, None));
    // By turnover.
    for family in [
        LegalFamily::GeneralPartnership,
        LegalFamily::LimitedPartnership,
        LegalFamily::LimitedCompany,
        LegalFamily::JointStockCompany,
        LegalFamily::PartnershipLimitedByShares,
        LegalFamily::Cooperative,
        LegalFamily::Consortium,
        LegalFamily::Geie,
        LegalFamily::PublicBody,
    ] {
        assert!(has(family, Some(Section::Ordinaria)), "{family:?}");
    }
    for state in
        [CompanyState::Active, CompanyState::Inactive, CompanyState::InLiquidation, CompanyState::Ceased]
    {
        assert!(companies.iter().any(|c| c.current_state() == Some(state)), "{state:?}");
    }
}

#[test]
fn fixtures_have_local_units_across_lombard_provinces_each_with_its_rea() {
    let companies = registry().companies();
    let provinces: BTreeSet<String> = companies
        .iter()
        .flat_map(|c| c.local_units.iter().filter_map(|u| u.province()).map(|p| p.to_string()))
        .collect();
    for p in ["BG", "BS", "CO", "CR", "LC", "MB", "MI", "MN", "PV", "SO", "VA"] {
        assert!(provinces.contains(p), "no local unit in {p}");
    }
    let verdi = companies.iter().find(|c| c.codice_fiscale.as_str() == VERDI_ACCIAI).unwrap();
    let open: Vec<String> = verdi.unit_provinces_on(today()).iter().map(|p| p.to_string()).collect();
    assert_eq!(open, ["CR", "MN"], "the Pavia seat closed in 2021, Desenzano is in the seat's province");
}

#[test]
fn a_company_is_found_by_the_rea_of_a_unit_in_another_province() {
    let r = registry();
    let by_unit = r.company_by_rea(&"MN-301234".parse().unwrap()).unwrap().unwrap();
    assert_eq!(by_unit.codice_fiscale.as_str(), VERDI_ACCIAI);
    assert!(r.company_by_rea(&"MN-999999".parse().unwrap()).unwrap().is_none());
}

#[test]
fn rea_is_a_real_province_and_digits() {
    assert_eq!("bg-00401234".parse::<Rea>().unwrap().to_string(), "BG-401234");
    for bad in ["XX-123", "MI-", "MI-0", "MI-12a", "M-1"] {
        assert!(bad.parse::<Rea>().is_err(), "{bad}");
    }
}

#[test]
fn a_company_whose_rea_is_not_in_the_province_of_its_seat_is_refused() {
    let mut data: RegistryData = serde_json::from_str(REGISTRY_FIXTURES).unwrap();
    data.companies[0].rea = "BG-1".parse().unwrap();
    let e = InMemoryRegistry::from_data(data).unwrap_err();
    assert!(
        matches!(e, RegistryError::InconsistentCompany { field: "rea", rule: "province_of_seat", .. }),
        "{e:?}"
    );
}

#[test]
fn a_unit_in_another_province_without_its_rea_is_refused() {
    let mut data: RegistryData = serde_json::from_str(REGISTRY_FIXTURES).unwrap();
    data.companies[0].local_units[0].rea = None;
    let e = InMemoryRegistry::from_data(data).unwrap_err();
    assert!(
        matches!(e, RegistryError::InconsistentCompany { rule: "required_outside_seat_province", .. }),
        "{e:?}"
    );
}

#[test]
fn pec_directory_lists_registered_companies_but_not_rea_only_or_ceased_ones() {
    use sportello::ports::PecDirectory;
    let dir = InMemoryPecDirectory::with_fixtures().unwrap();
    assert!(dir.domicile_of(&cf(ROSSI_MECCANICA)).unwrap().is_some());
    assert!(dir.domicile_of(&cf("97123450013")).unwrap().is_none(), "association, REA only");
    assert!(dir.domicile_of(&cf(SILVIA)).unwrap().is_some(), "professional");
}

// -- profiling ----------------------------------------------------------------------------------

#[test]
fn private_profile_is_always_offered_even_to_a_stranger_to_the_registry() {
    let got = offered(&registry(), &book(), "GDASDV00A01H501J", today());
    assert_eq!(got, [(ProfileKind::Private, String::new())]);
}

#[test]
fn business_profile_only_for_active_companies_where_the_person_represents() {
    // Mario: sole director of Rossi Meccanica (active) and of Nuova Iniziativa (inactive);
    // owner of a sole proprietorship ceased in 2019.
    let got = offered(&registry(), &book(), MARIO, today());
    assert_eq!(got, [(ProfileKind::Business, ROSSI_MECCANICA.into()), (ProfileKind::Private, String::new())]);
}

#[test]
fn artisan_company_is_offered_as_craftsman() {
    let got = offered(&registry(), &book(), LUCIA, today());
    assert_eq!(got, [(ProfileKind::Craftsman, LUCIA.into()), (ProfileKind::Private, String::new())]);
}

#[test]
fn a_role_without_representation_gives_no_profile() {
    // Silvia is auditor of Verdi Acciai and limited partner of Galli Legnami: no business profile.
    let got = offered(&registry(), &book(), SILVIA, today());
    assert!(!got.iter().any(|(k, _)| *k == ProfileKind::Business), "{got:?}");
}

#[test]
fn intermediary_profiles_follow_the_delegations_in_force() {
    let got = offered(&registry(), &book(), SILVIA, today());
    assert_eq!(
        got,
        [
            (ProfileKind::Intermediary, ROSSI_MECCANICA.into()),
            (ProfileKind::Intermediary, VERDI_ACCIAI.into()),
            (ProfileKind::Private, String::new()),
        ]
    );
}

#[test]
fn revocation_takes_effect_on_its_day() {
    // Galli Legnami revoked Silvia's delegation with effect from 2025-03-01.
    let galli = (ProfileKind::Intermediary, GALLI_LEGNAMI.to_string());
    assert!(offered(&registry(), &book(), SILVIA, d(2025, 2, 28)).contains(&galli));
    assert!(!offered(&registry(), &book(), SILVIA, d(2025, 3, 1)).contains(&galli));
}

#[test]
fn expiry_takes_effect_on_its_day() {
    // Ferrari & Colombo's delegation to Confartigiani expires on 2026-01-01; Roberta operates it.
    let fc = (ProfileKind::Intermediary, FERRARI_COLOMBO.to_string());
    assert!(offered(&registry(), &book(), ROBERTA, d(2025, 12, 31)).contains(&fc));
    assert!(!offered(&registry(), &book(), ROBERTA, d(2026, 1, 1)).contains(&fc));
}

#[test]
fn association_operators_act_as_intermediaries_and_as_representatives_of_the_association() {
    let got = offered(&registry(), &book(), ROBERTA, today());
    assert!(got.contains(&(ProfileKind::Business, "97123450013".into())), "president of the association");
    assert!(got.contains(&(ProfileKind::Intermediary, LUCIA.into())), "{got:?}");
}

#[test]
fn company_in_liquidation_is_offered_to_its_liquidator_only_when_the_policy_allows() {
    let (r, b) = (registry(), book());
    let pavesi = (ProfileKind::Business, OFFICINE_PAVESI.to_string());
    assert!(!offered(&r, &b, LUIGI, today()).contains(&pavesi));
    let policy = ProfilingPolicy {
        company_states: BTreeSet::from([CompanyState::Active, CompanyState::InLiquidation]),
        ..ProfilingPolicy::default()
    };
    let got = Profiler::new(&r, &b).with_policy(policy).profiles(&who(LUIGI), today()).unwrap();
    assert!(got
        .iter()
        .any(|p| p.company.as_ref().is_some_and(|c| c.codice_fiscale.as_str() == OFFICINE_PAVESI)));
}

#[test]
fn a_former_director_loses_the_profile_the_day_the_role_ends() {
    let (r, b) = (registry(), book());
    // Giuseppe was sole director of Officine Pavesi until 2023-10-01 (exclusive).
    let on =
        |day| offered(&r, &b, GIUSEPPE, day).contains(&(ProfileKind::Business, OFFICINE_PAVESI.to_string()));
    assert!(on(d(2023, 9, 30)));
    assert!(!on(d(2023, 10, 1)));
}

#[test]
fn digital_domicile_comes_from_the_pec_directory() {
    let (r, b) = (registry(), book());
    let dir = InMemoryPecDirectory::with_fixtures().unwrap();
    let got = Profiler::new(&r, &b).with_directory(&dir).profiles(&who(SILVIA), today()).unwrap();
    let private = got.iter().find(|p| p.kind == ProfileKind::Private).unwrap();
    assert_eq!(
        private.digital_domicile.as_ref().unwrap().as_str(),
        "silvia.marino@pec.odcecvarese.example.it"
    );
    let rossi = got.iter().find(|p| p.kind == ProfileKind::Intermediary).unwrap();
    assert_eq!(rossi.digital_domicile, private.digital_domicile, "the intermediary's own domicile");
}

#[test]
fn acting_for_a_company_without_a_role_or_delegation_is_refused_without_saying_why() {
    let (r, b) = (registry(), book());
    let p = Profiler::new(&r, &b);
    for company in [VERDI_ACCIAI, "01122330978", "06677880178"] {
        let choice = ProfileChoice { kind: ProfileKind::Business, company: Some(cf(company)) };
        let e = p.act_as(&who(MARIO), &choice, today()).unwrap_err();
        assert_eq!(e, ProfileError::NotOffered { kind: ProfileKind::Business, company: Some(cf(company)) });
    }
    let e = p
        .act_as(&who(MARIO), &ProfileChoice { kind: ProfileKind::Business, company: None }, today())
        .unwrap_err();
    assert_eq!(e.rule(), "company_required");
}

#[test]
fn profile_json_names_its_basis() {
    let actor = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let json = serde_json::to_value(actor.profile().unwrap()).unwrap();
    assert_eq!(json["kind"], "business");
    assert_eq!(json["basis"]["type"], "role");
    assert_eq!(json["basis"]["code"], "AU");
    assert_eq!(json["company"]["rea"], "MI-2012345");
}

// -- delegations --------------------------------------------------------------------------------

fn request(company: &str, scope: DelegationScope, valid_from: NaiveDate) -> DelegationRequest {
    DelegationRequest {
        company: cf(company),
        intermediary: cf("97123450013"),
        scope,
        valid_from,
        expires_on: None,
    }
}

#[test]
fn a_legal_representative_grants_a_delegation_that_gives_the_operator_a_profile() {
    let (r, mut b) = (registry(), book());
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let id = b
        .grant(&mario, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, today()), today())
        .unwrap();
    assert_eq!(b.delegation(id).unwrap().granted_by, cf(MARIO));
    assert!(offered(&r, &b, ROBERTA, today()).contains(&(ProfileKind::Intermediary, ROSSI_MECCANICA.into())));
}

#[test]
fn an_intermediary_cannot_grant_delegations_for_the_company_it_serves() {
    let (r, mut b) = (registry(), book());
    let silvia = acting(SILVIA, ProfileKind::Intermediary, Some(ROSSI_MECCANICA));
    let e = b
        .grant(&silvia, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, today()), today())
        .unwrap_err();
    assert_eq!(e.rule(), "legal_representative");
}

#[test]
fn a_representative_cannot_grant_for_another_company() {
    let (r, mut b) = (registry(), book());
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let e = b
        .grant(&mario, &r, request(VERDI_ACCIAI, DelegationScope::AllServices, today()), today())
        .unwrap_err();
    assert_eq!(e.rule(), "acting_for");
}

#[test]
fn backdated_empty_or_inverted_delegations_are_refused() {
    let (r, mut b) = (registry(), book());
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let yesterday = today() - Duration::days(1);
    let e = b
        .grant(&mario, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, yesterday), today())
        .unwrap_err();
    assert_eq!(e, DelegationError::Backdated { valid_from: yesterday, today: today() });
    let empty = DelegationScope::Services { services: BTreeSet::new() };
    let e = b.grant(&mario, &r, request(ROSSI_MECCANICA, empty, today()), today()).unwrap_err();
    assert_eq!(e, DelegationError::EmptyScope);
    let mut inverted = request(ROSSI_MECCANICA, DelegationScope::AllServices, today());
    inverted.expires_on = Some(today());
    assert_eq!(b.grant(&mario, &r, inverted, today()).unwrap_err().rule(), "expiry_after_start");
    let mut unknown = request(ROSSI_MECCANICA, DelegationScope::AllServices, today());
    unknown.intermediary = cf(ANNA);
    assert_eq!(b.grant(&mario, &r, unknown, today()).unwrap_err(), DelegationError::UnknownIntermediary);
}

#[test]
fn revoking_today_removes_the_profile_today() {
    let (r, mut b) = (registry(), book());
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    b.revoke(&mario, &r, DelegationId(1), today()).unwrap();
    assert!(!offered(&r, &b, SILVIA, today()).contains(&(ProfileKind::Intermediary, ROSSI_MECCANICA.into())));
    assert_eq!(b.revoke(&mario, &r, DelegationId(1), today()).unwrap_err().rule(), "already_revoked");
}

#[test]
fn a_book_whose_numbers_are_exhausted_refuses_a_grant_instead_of_reusing_a_number() {
    let r = registry();
    let mut json: serde_json::Value = serde_json::from_str(DELEGATION_FIXTURES).unwrap();
    json["next_id"] = serde_json::json!(u64::MAX);
    let mut b = DelegationBook::from_json(&json.to_string()).unwrap();
    let before = b.clone();
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let e = b
        .grant(&mario, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, today()), today())
        .unwrap_err();
    assert_eq!(e, DelegationError::IdsExhausted { next_id: u64::MAX });
    assert_eq!(b, before, "nothing granted, nothing overwritten");
}

#[test]
fn a_stored_book_whose_next_number_does_not_exceed_every_number_is_refused() {
    let mut json: serde_json::Value = serde_json::from_str(DELEGATION_FIXTURES).unwrap();
    let highest = json["delegations"].as_array().unwrap().iter().map(|d| d["id"].as_u64().unwrap()).max();
    json["next_id"] = serde_json::json!(highest.unwrap());
    let e = DelegationBook::from_json(&json.to_string()).unwrap_err();
    assert_eq!(e.rule(), "next_id_after_delegations");
    assert_eq!(e.field(), "next_id");
}

#[test]
fn a_stored_book_with_a_repeated_number_is_refused() {
    let mut json: serde_json::Value = serde_json::from_str(DELEGATION_FIXTURES).unwrap();
    let first = json["delegations"][0].clone();
    json["delegations"].as_array_mut().unwrap().push(first);
    assert_eq!(DelegationBook::from_json(&json.to_string()).unwrap_err().rule(), "duplicate_delegation");
}

#[test]
fn profile_errors_are_classed_as_refusal_or_bad_input() {
    let (r, b) = (registry(), book());
    let p = Profiler::new(&r, &b);
    let choose = |kind, company: Option<&str>| ProfileChoice { kind, company: company.map(cf) };
    let refused =
        p.act_as(&who(MARIO), &choose(ProfileKind::Business, Some(VERDI_ACCIAI)), today()).unwrap_err();
    assert_eq!(
        refused.class(),
        ErrorClass::Refused(NotAuthorized { action: "act_as", rule: DenialRule::ProfileNotOffered })
    );
    let missing = p.act_as(&who(MARIO), &choose(ProfileKind::Business, None), today()).unwrap_err();
    assert_eq!(missing.class(), ErrorClass::Invalid { field: "company", rule: "company_required" });
    let extra =
        p.act_as(&who(MARIO), &choose(ProfileKind::Private, Some(VERDI_ACCIAI)), today()).unwrap_err();
    assert_eq!(extra.class(), ErrorClass::Invalid { field: "company", rule: "company_not_expected" });
    let unknown = "boss".parse::<ProfileKind>().unwrap_err();
    assert_eq!(unknown.class(), ErrorClass::Invalid { field: "kind", rule: "profile_kind" });
}

#[test]
fn delegation_errors_are_classed_as_refusal_or_bad_input() {
    let (r, mut b) = (registry(), book());
    let silvia = acting(SILVIA, ProfileKind::Intermediary, Some(ROSSI_MECCANICA));
    let e = b
        .grant(&silvia, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, today()), today())
        .unwrap_err();
    assert!(matches!(e.class(), ErrorClass::Refused(n) if n.action == "manage_delegations"));
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let yesterday = today() - Duration::days(1);
    let e = b
        .grant(&mario, &r, request(ROSSI_MECCANICA, DelegationScope::AllServices, yesterday), today())
        .unwrap_err();
    assert_eq!(e.class(), ErrorClass::Invalid { field: "valid_from", rule: "backdated" });
}

#[test]
fn delegation_book_json_round_trips() {
    let b = book();
    let json = serde_json::to_string(&b).unwrap();
    assert_eq!(DelegationBook::from_json(&json).unwrap(), b);
}

// -- authorization --------------------------------------------------------------------------------

fn use_service(service: &str, party: Party, level: LevelOfAssurance) -> Action {
    Action::UseService { service: service.into(), party, required_level: level }
}

#[test]
fn a_delegation_limited_to_listed_services_refuses_the_others() {
    let silvia = acting(SILVIA, ProfileKind::Intermediary, Some(VERDI_ACCIAI));
    let verdi = Party::Company(cf(VERDI_ACCIAI));
    assert!(authorize(&silvia, &use_service("accesso-atti", verdi.clone(), LevelOfAssurance::Substantial))
        .is_ok());
    let e = authorize(&silvia, &use_service("reclami", verdi, LevelOfAssurance::Substantial)).unwrap_err();
    assert_eq!((e.action, e.rule), ("use_service", DenialRule::OutsideDelegationScope));
}

#[test]
fn a_session_acts_only_for_its_own_party() {
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let e = authorize(&mario, &Action::ActFor { party: Party::Person(cf(MARIO)) }).unwrap_err();
    assert_eq!(e.rule, DenialRule::NotActingForParty, "switch to the private profile first");
}

#[test]
fn a_service_asking_for_a_higher_level_refuses_a_password_login() {
    let (r, b) = (registry(), book());
    let weak = Identity::from_password_login(cf(MARIO), None, None, None).unwrap();
    let mario = Profiler::new(&r, &b)
        .act_as(&weak, &ProfileChoice { kind: ProfileKind::Private, company: None }, today())
        .unwrap();
    let e = authorize(
        &mario,
        &use_service("accesso-atti", Party::Person(cf(MARIO)), LevelOfAssurance::Substantial),
    )
    .unwrap_err();
    assert_eq!(
        e.rule,
        DenialRule::AssuranceTooLow {
            required: LevelOfAssurance::Substantial,
            actual: LevelOfAssurance::Low
        }
    );
    assert_eq!(e.rule.as_str(), "level_of_assurance");
}

fn officers() -> OfficerRegister {
    let mut reg = OfficerRegister::default();
    let officer = |person: &str, chamber: &str, roles: &[OfficerRole]| Officer {
        codice_fiscale: cf(person),
        name: person.into(),
        chamber: chamber.parse().unwrap(),
        roles: roles.iter().copied().collect(),
        active: true,
    };
    reg.seed(officer(ANNA, "BG", &[OfficerRole::CaseHandler]));
    reg.seed(officer(GIUSEPPE, "BG", &[OfficerRole::Administrator, OfficerRole::HeadOfProcedure]));
    reg.seed(officer(LUIGI, "BS", &[OfficerRole::ProtocolOfficer]));
    reg
}

#[test]
fn officers_act_within_their_chamber_and_roles() {
    let reg = officers();
    let bg = "BG".parse().unwrap();
    let anna = reg.act_as_officer(&who(ANNA), &bg).unwrap();
    assert!(authorize(&anna, &Action::HandleCase { chamber: bg.clone() }).is_ok());
    let e = authorize(&anna, &Action::DecideCase { chamber: bg.clone() }).unwrap_err();
    assert_eq!(e.rule, DenialRule::MissingOfficerRole { any_of: vec![OfficerRole::HeadOfProcedure] });
    let e = authorize(&anna, &Action::HandleCase { chamber: "BS".parse().unwrap() }).unwrap_err();
    assert_eq!(e.rule, DenialRule::OtherChamber);
    let e = authorize(&anna, &Action::ActFor { party: Party::Person(cf(ANNA)) }).unwrap_err();
    assert_eq!(e.rule, DenialRule::UsersOnly);
}

#[test]
fn an_officer_sees_any_case_of_the_chamber_a_user_only_their_own() {
    let reg = officers();
    let bg: sportello::chamber::ChamberCode = "BG".parse().unwrap();
    let view = |applicant: &str| Action::ViewCase {
        chamber: bg.clone(),
        applicant: Party::Company(cf(applicant)),
        service: "diritto-annuale".into(),
    };
    let anna = reg.act_as_officer(&who(ANNA), &bg).unwrap();
    assert!(authorize(&anna, &view(ROSSI_MECCANICA)).is_ok());
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    assert!(authorize(&mario, &view(ROSSI_MECCANICA)).is_ok());
    assert_eq!(authorize(&mario, &view(VERDI_ACCIAI)).unwrap_err().rule, DenialRule::NotActingForParty);
    assert_eq!(
        authorize(&mario, &Action::HandleCase { chamber: bg }).unwrap_err().rule,
        DenialRule::OfficersOnly
    );
}

#[test]
fn officer_login_needs_an_active_account_and_substantial_assurance() {
    let mut reg = officers();
    let bg: sportello::chamber::ChamberCode = "BG".parse().unwrap();
    assert_eq!(reg.act_as_officer(&who(MARIO), &bg).unwrap_err().rule, DenialRule::NoOfficerAccount);
    let weak = Identity::from_password_login(cf(ANNA), None, None, None).unwrap();
    assert_eq!(reg.act_as_officer(&weak, &bg).unwrap_err().rule.as_str(), "level_of_assurance");
    let admin = reg.act_as_officer(&who(GIUSEPPE), &bg).unwrap();
    let anna_case_handler = reg.act_as_officer(&who(ANNA), &bg).unwrap();
    assert_eq!(
        reg.deactivate(&anna_case_handler, &bg, &cf(GIUSEPPE)).unwrap_err().rule.as_str(),
        "officer_role"
    );
    reg.deactivate(&admin, &bg, &cf(ANNA)).unwrap();
    assert_eq!(reg.act_as_officer(&who(ANNA), &bg).unwrap_err().rule, DenialRule::NoOfficerAccount);
}

#[test]
fn actor_json_round_trips() {
    let mario = acting(MARIO, ProfileKind::Business, Some(ROSSI_MECCANICA));
    let json = serde_json::to_string(&mario).unwrap();
    assert!(json.starts_with(r#"{"type":"user""#), "{json}");
    assert_eq!(serde_json::from_str::<Actor>(&json).unwrap(), mario);
}

// -- properties -----------------------------------------------------------------------------------

/// (company index, intermediary index, first day, length, revoked after days)
type DelegationSpec = (usize, usize, i64, Option<i64>, Option<i64>);

const PEOPLE: [&str; 6] = [MARIO, LUCIA, GIUSEPPE, ANNA, SILVIA, ROBERTA];

fn day_in(offset: i64) -> NaiveDate {
    d(2024, 1, 1) + Duration::days(offset)
}

fn arb_role(companies: Vec<CodiceFiscale>) -> impl Strategy<Value = Role> {
    (0..PEOPLE.len(), 0..companies.len(), any::<bool>(), 0i64..900, proptest::option::of(1i64..600)).prop_map(
        move |(p, c, rep, since, len)| Role {
            person: cf(PEOPLE[p]),
            company: companies[c].clone(),
            code: "AU".into(),
            description: "AMMINISTRATORE UNICO".into(),
            kind: RoleKind::SoleDirector,
            legal_representative: rep,
            since: day_in(since),
            until: len.map(|l| day_in(since + l)),
        },
    )
}

fn arb_delegation(companies: Vec<CodiceFiscale>) -> impl Strategy<Value = DelegationSpec> {
    (
        0..companies.len(),
        0..2usize,
        0i64..900,
        proptest::option::of(1i64..400),
        proptest::option::of(0i64..500),
    )
}

fn world(
    roles: Vec<Role>,
    dels: Vec<DelegationSpec>,
    companies: &[CodiceFiscale],
) -> (InMemoryRegistry, DelegationBook) {
    let mut data: RegistryData = serde_json::from_str(REGISTRY_FIXTURES).unwrap();
    data.roles = roles;
    let reg = InMemoryRegistry::from_data(data).unwrap();
    let intermediaries = [
        Intermediary::professional(cf(SILVIA), "Silvia Marino".into(), "ODCEC Varese".into(), "1".into()),
        Intermediary::association(
            cf("97123450013"),
            "Confartigiani".into(),
            BTreeSet::from([cf(ROBERTA), cf(ANNA)]),
        ),
    ];
    let delegations: Vec<Delegation> = dels
        .into_iter()
        .enumerate()
        .map(|(i, (c, who, from, len, revoke))| Delegation {
            id: DelegationId(i as u64 + 1),
            company: companies[c].clone(),
            intermediary: intermediaries[who].codice_fiscale.clone(),
            granted_by: cf(MARIO),
            scope: DelegationScope::AllServices,
            valid_from: day_in(from),
            expires_on: len.map(|l| day_in(from + l)),
            revoked_on: revoke.map(|r| day_in(from + r)),
            granted_on: day_in(from),
        })
        .collect();
    let json = serde_json::json!({
        "intermediaries": intermediaries,
        "delegations": delegations,
        "next_id": delegations.len() as u64 + 1,
    });
    (reg, serde_json::from_value(json).unwrap())
}

fn fixture_companies() -> Vec<CodiceFiscale> {
    registry().companies().into_iter().map(|c| c.codice_fiscale).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// No one obtains a profile for a company where the registry shows no representation role
    /// and no delegation in force exists on that date; and whoever has either, for an active
    /// company, is offered it.
    #[test]
    fn profiles_exist_exactly_where_a_role_or_a_delegation_in_force_supports_them(
        roles in proptest::collection::vec(arb_role(fixture_companies()), 0..12),
        dels in proptest::collection::vec(arb_delegation(fixture_companies()), 0..8),
        person in 0..PEOPLE.len(),
        offset in 0i64..1200,
    ) {
        let companies = fixture_companies();
        let (reg, book) = world(roles.clone(), dels, &companies);
        let day = day_in(offset);
        let me = cf(PEOPLE[person]);
        let profiles = Profiler::new(&reg, &book).profiles(&who(PEOPLE[person]), day).unwrap();
        let represents = |c: &CodiceFiscale| roles.iter().any(|r| r.person == me && r.company == *c && r.represents_on(day));
        let delegated = |c: &CodiceFiscale| book.delegations().any(|d| {
            d.company == *c && d.is_valid_on(day) && book.intermediary(&d.intermediary).is_some_and(|i| i.has_operator(&me))
        });
        for p in &profiles {
            match (&p.company, &p.basis) {
                (None, ProfileBasis::Citizen) => prop_assert_eq!(p.kind, ProfileKind::Private),
                (Some(c), ProfileBasis::Role { .. }) => prop_assert!(represents(&c.codice_fiscale)),
                (Some(c), ProfileBasis::Delegation { .. }) => prop_assert!(delegated(&c.codice_fiscale)),
                other => prop_assert!(false, "unexpected profile {:?}", other),
            }
        }
        prop_assert_eq!(profiles.iter().filter(|p| p.kind == ProfileKind::Private).count(), 1);
        for c in reg.companies().iter().filter(|c| c.state_on(day) == Some(CompanyState::Active)) {
            let offered_for = |k: ProfileKind| profiles.iter().any(|p| p.kind == k && p.company.as_ref().is_some_and(|x| x.codice_fiscale == c.codice_fiscale));
            if represents(&c.codice_fiscale) {
                let kind = if c.artisan { ProfileKind::Craftsman } else { ProfileKind::Business };
                prop_assert!(offered_for(kind));
            }
            if delegated(&c.codice_fiscale) {
                prop_assert!(offered_for(ProfileKind::Intermediary));
            }
        }
    }

    /// Revocation and expiry take effect on their day: the profile is there the day before and
    /// gone on the day.
    #[test]
    fn revocation_and_expiry_take_effect_on_the_day(
        from in 0i64..300,
        len in 2i64..300,
        revoke in proptest::option::of(1i64..300),
    ) {
        let companies = vec![cf(ROSSI_MECCANICA)];
        let (reg, book) = world(vec![], vec![(0, 0, from, Some(len), revoke)], &companies);
        let end = from + revoke.map_or(len, |r| r.min(len));
        let has = |offset: i64| {
            Profiler::new(&reg, &book).profiles(&who(SILVIA), day_in(offset)).unwrap()
                .iter().any(|p| p.kind == ProfileKind::Intermediary)
        };
        prop_assert!(!has(from - 1));
        prop_assert!(has(from));
        prop_assert!(has(end - 1));
        prop_assert!(!has(end));
    }
}

#[test]
fn roles_reported_for_someone_else_by_a_faulty_registry_are_ignored() {
    struct Leaky(InMemoryRegistry);
    impl BusinessRegistry for Leaky {
        fn company(
            &self,
            c: &CodiceFiscale,
        ) -> Result<Option<sportello::registry::Company>, sportello::ports::PortError> {
            self.0.company(c)
        }
        fn company_by_rea(
            &self,
            r: &Rea,
        ) -> Result<Option<sportello::registry::Company>, sportello::ports::PortError> {
            self.0.company_by_rea(r)
        }
        fn roles_of(&self, _: &CodiceFiscale) -> Result<Vec<Role>, sportello::ports::PortError> {
            Ok(self.0.roles())
        }
    }
    let leaky = Leaky(registry());
    let b = book();
    let got = Profiler::new(&leaky, &b).profiles(&who(MARIO), today()).unwrap();
    assert_eq!(got.len(), 2, "{got:?}");
}
