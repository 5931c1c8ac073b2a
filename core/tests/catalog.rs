//! The service catalogue: data validation, search, browsing, grants, JSON-LD export.
#![allow(clippy::unwrap_used, clippy::expect_used)] // test helpers panic on purpose

use chrono::NaiveDate;
use proptest::prelude::*;
use sportello::catalog::data::{self, Sources};
use sportello::catalog::grants::{check, whole_months};
use sportello::catalog::*;
use sportello::chamber::ChamberCode;
use sportello::profile::ProfileKind;

/// Loaded once for the whole file: the proptests search it hundreds of times.
static CATALOG: std::sync::LazyLock<Catalog> = std::sync::LazyLock::new(|| Catalog::lombardy().unwrap());

fn catalog() -> &'static Catalog {
    &CATALOG
}

fn code(s: &str) -> ChamberCode {
    s.parse().unwrap()
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn ids(hits: &[SearchHit]) -> Vec<&str> {
    hits.iter().map(|h| h.service_id.as_str()).collect()
}

// -- the shipped catalogue -----------------------------------------------------------------------

#[test]
fn default_catalogue_has_at_least_40_services_with_the_required_identifiers() {
    let c = catalog();
    assert!(c.services().len() >= 40, "{} services", c.services().len());
    for id in [
        "accesso-atti",
        "accesso-civico",
        "reclami",
        "diritto-annuale",
        "firma-digitale",
        "cns-spid",
        "certificati-visure",
        "bandi-contributi",
        "concorsi-a-premio",
        "listino-prezzi",
        "carte-tachigrafiche",
        "marchi-brevetti",
        "mediazione-arbitrato",
        "protesti",
        "registro-imprese-pratiche",
        "albo-artigiani",
        "certificati-origine",
        "metrologia",
        "elenco-imprese",
        "bilanci",
    ] {
        assert!(c.service(id).is_ok(), "{id} missing");
    }
}

#[test]
fn every_lombardy_chamber_activates_a_package_of_3_to_10_services_starting_with_the_2013_pilot() {
    let c = catalog();
    let codes: Vec<&str> = c.chambers().iter().map(|ch| ch.code.as_str()).collect();
    assert_eq!(codes, ["MIMBLO", "BG", "BS", "COLC", "CRMNPV", "SO", "VA"]);
    for ch in c.chambers() {
        assert!((3..=10).contains(&ch.active.len()), "{}", ch.code);
        let first: Vec<&str> = ch.active.iter().take(3).map(|s| s.as_str()).collect();
        assert_eq!(first, ["accesso-atti", "reclami", "diritto-annuale"]);
    }
}

#[test]
fn fixed_costs_carry_the_published_amounts() {
    let c = catalog();
    let bilanci = c.service("bilanci").unwrap();
    let amounts: Vec<String> =
        bilanci.costs.iter().filter_map(|k| k.kind.fixed_amount()).map(|a| a.to_string()).collect();
    assert_eq!(amounts, ["62.70", "65.00"]);
}

#[test]
fn chamber_fees_use_the_fee_model_and_count_stamps_instead_of_writing_them() {
    use sportello::fees::{ServiceFee, STAMP_DUTY};
    let c = catalog();
    let certificato = &c.service("certificati-visure").unwrap().costs[1];
    assert_eq!(
        certificato.kind,
        CostKind::Fee(ServiceFee::Fixed { secretarial: "5.00".parse().unwrap(), stamps: 1 })
    );
    assert_eq!(certificato.kind.fixed_amount(), Some("21.00".parse().unwrap()));
    assert_eq!(STAMP_DUTY, "16.00".parse().unwrap());
    for s in c.services() {
        for cost in &s.costs {
            let stamp_written_as_amount = matches!(&cost.kind,
                CostKind::Other(sportello::catalog::OtherCost::Amount { amount }) if *amount == STAMP_DUTY);
            assert!(!stamp_written_as_amount, "{}: {}", s.id, cost.id);
        }
    }
}

#[test]
fn a_service_survives_a_json_round_trip() {
    let c = catalog();
    let s = c.service("carte-tachigrafiche").unwrap();
    let json = serde_json::to_string(s).unwrap();
    assert!(json.contains("\"business_events\":[3]"));
    assert!(json.contains("\"channels\":[\"online\",\"counter\"]"));
    let back: Service = serde_json::from_str(&json).unwrap();
    assert_eq!(&back, s);
}

#[test]
fn for_chamber_applies_local_names_and_keeps_the_package_order() {
    let c = catalog();
    let mi = c.for_chamber(&code("MIMBLO")).unwrap();
    assert_eq!(mi.len(), 10);
    assert_eq!(mi[2].id.as_str(), "diritto-annuale");
    assert_eq!(mi[2].name, "Diritto annuale online");
    assert_eq!(c.service("diritto-annuale").unwrap().name, "Diritto annuale: calcolo e pagamento");
    assert!(matches!(c.for_chamber(&code("RM")), Err(CatalogError::UnknownChamber { .. })));
}

// -- validation of the data files ---------------------------------------------------------------

fn load_with_services(services: &str) -> Result<Catalog, CatalogError> {
    data::load(Sources { services, ..Sources::embedded() }, SearchConfig::default())
}

fn load_with_chambers(chambers: &str) -> Result<Catalog, CatalogError> {
    data::load(Sources { chambers, ..Sources::embedded() }, SearchConfig::default())
}

fn replace_once(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} not in data");
    text.replacen(from, to, 1)
}

fn entry_field_rule(e: CatalogError) -> (String, String, &'static str) {
    match e {
        CatalogError::InvalidEntry { entry, field, rule, .. } => (entry, field, rule),
        other => panic!("expected InvalidEntry, got {other:?}"),
    }
}

#[test]
fn a_missing_field_names_the_entry_and_the_field() {
    let bad = replace_once(data::SERVICES_JSON, "\"audience\": [\n    \"business\",\n    \"craftsman\",\n    \"intermediary\",\n    \"private\"\n   ],", "");
    let err = load_with_services(&bad).unwrap_err();
    assert_eq!(entry_field_rule(err), ("accesso-atti".into(), "audience".into(), "required"));
}

#[test]
fn a_business_event_outside_the_agid_vocabulary_is_refused() {
    let bad = replace_once(
        data::SERVICES_JSON,
        "\"business_events\": [\n    9\n   ]",
        "\"business_events\": [\n    16\n   ]",
    );
    let err = load_with_services(&bad).unwrap_err();
    let text = err.to_string();
    assert_eq!(entry_field_rule(err), ("accesso-atti".into(), "business_events".into(), "type"));
    assert!(text.contains("business event code 16 is not in the AgID vocabulary"), "{text}");
}

#[test]
fn a_duplicate_service_identifier_is_refused() {
    let bad = replace_once(data::SERVICES_JSON, "\"id\": \"accesso-civico\"", "\"id\": \"accesso-atti\"");
    let (entry, field, rule) = entry_field_rule(load_with_services(&bad).unwrap_err());
    assert_eq!((entry.as_str(), field.as_str(), rule), ("accesso-atti", "id", "unique"));
}

#[test]
fn an_unknown_field_is_refused_not_ignored() {
    let bad = replace_once(
        data::SERVICES_JSON,
        "\"category\": \"atti\"",
        "\"category\": \"atti\", \"categroy\": \"x\"",
    );
    let (_, field, rule) = entry_field_rule(load_with_services(&bad).unwrap_err());
    assert_eq!((field.as_str(), rule), ("categroy", "known_field"));
}

#[test]
fn a_negative_fixed_cost_is_refused() {
    let bad = replace_once(data::SERVICES_JSON, "\"secretarial\": \"62.70\"", "\"secretarial\": \"-62.70\"");
    let (entry, field, rule) = entry_field_rule(load_with_services(&bad).unwrap_err());
    assert_eq!((entry.as_str(), field.as_str(), rule), ("bilanci", "costs", "non_negative"));
}

#[test]
fn broken_json_reports_line_and_column() {
    let err = load_with_services("{\n \"categories\": [,]\n}").unwrap_err();
    assert!(matches!(err, CatalogError::Json { line: 2, .. }), "{err:?}");
}

#[test]
fn a_package_of_2_services_is_refused() {
    let bad = replace_once(
        data::CHAMBERS_JSON,
        "\"active\": [\"accesso-atti\", \"reclami\", \"diritto-annuale\"],",
        "\"active\": [\"accesso-atti\", \"reclami\"],",
    );
    let (entry, field, rule) = entry_field_rule(load_with_chambers(&bad).unwrap_err());
    assert_eq!((entry.as_str(), field.as_str(), rule), ("SO", "active", "package_size"));
}

#[test]
fn activating_an_unknown_service_is_refused() {
    let bad = replace_once(
        data::CHAMBERS_JSON,
        "\"reclami\", \"diritto-annuale\"],",
        "\"reclami\", \"dirito-annuale\"],",
    );
    let (_, field, rule) = entry_field_rule(load_with_chambers(&bad).unwrap_err());
    assert_eq!((field.as_str(), rule), ("active", "known_service"));
}

#[test]
fn activating_a_service_under_development_is_refused() {
    let bad = replace_once(
        data::CHAMBERS_JSON,
        "\"reclami\", \"diritto-annuale\"],",
        "\"reclami\", \"diritto-annuale\", \"deposito-contratti-tipo\"],",
    );
    let (_, field, rule) = entry_field_rule(load_with_chambers(&bad).unwrap_err());
    assert_eq!((field.as_str(), rule), ("active", "offered"));
}

#[test]
fn a_local_name_for_a_service_not_activated_is_refused() {
    let bad = replace_once(
        data::CHAMBERS_JSON,
        "\"local_names\": {}}",
        "\"local_names\": {\"bilanci\": \"Bilanci\"}}",
    );
    let (_, field, rule) = entry_field_rule(load_with_chambers(&bad).unwrap_err());
    assert_eq!((field.as_str(), rule), ("local_names", "active_service"));
}

#[test]
fn the_catalogue_takes_names_and_provinces_from_the_chamber_directory() {
    let c = catalog();
    let directory = sportello::chamber::Chambers::embedded().unwrap();
    for cat in c.chambers() {
        let chamber = directory.by_code(&cat.code).unwrap();
        assert_eq!((&cat.name, &cat.provinces), (&chamber.name, &chamber.provinces));
    }
}

#[test]
fn a_catalogue_for_a_chamber_missing_from_the_directory_is_refused() {
    let bad = replace_once(data::CHAMBERS_JSON, "{\"code\": \"SO\"", "{\"code\": \"RM\"");
    let (entry, field, rule) = entry_field_rule(load_with_chambers(&bad).unwrap_err());
    assert_eq!((entry.as_str(), field.as_str(), rule), ("RM", "code", "known_chamber"));
}

#[test]
fn a_grant_for_a_province_that_does_not_exist_is_refused() {
    let grants = replace_once(data::GRANTS_JSON, "\"provinces\": [\"BG\"]", "\"provinces\": [\"XX\"]");
    let err =
        data::load(Sources { grants: &grants, ..Sources::embedded() }, SearchConfig::default()).unwrap_err();
    let (entry, field, rule) = entry_field_rule(err);
    assert_eq!(
        (entry.as_str(), field.as_str(), rule),
        ("fiere-internazionali-2026", "criteria", "italian_province")
    );
}

#[test]
fn a_grant_closing_before_it_opens_is_refused() {
    let grants = replace_once(data::GRANTS_JSON, "\"closes\": \"2026-04-30\"", "\"closes\": \"2026-02-28\"");
    let err =
        data::load(Sources { grants: &grants, ..Sources::embedded() }, SearchConfig::default()).unwrap_err();
    let (entry, field, rule) = entry_field_rule(err);
    assert_eq!((entry.as_str(), field.as_str(), rule), ("voucher-digitali-i40-2026", "closes", "window"));
}

#[test]
fn a_need_phrase_of_stop_words_only_is_refused() {
    let lexicon = replace_once(data::LEXICON_JSON, "{\"says\": \"soldi\"", "{\"says\": \"per la\"");
    let err = data::load(Sources { lexicon: &lexicon, ..Sources::embedded() }, SearchConfig::default())
        .unwrap_err();
    let (_, field, rule) = entry_field_rule(err);
    assert_eq!((field.as_str(), rule), ("says", "meaningful"));
}

// -- search --------------------------------------------------------------------------------------

#[test]
fn the_three_needs_of_the_issue_find_their_service_first() {
    let c = catalog();
    for (text, expected) in [
        ("devo pagare la tassa annuale della camera", "diritto-annuale"),
        ("voglio vedere i documenti della mia pratica", "accesso-atti"),
        ("cerco contributi per digitalizzare l'azienda", "bandi-contributi"),
    ] {
        let hits = c.search(&SearchQuery::new(text)).unwrap();
        assert_eq!(hits[0].service_id.as_str(), expected, "{text}: {:?}", ids(&hits));
    }
}

#[test]
fn accents_and_case_do_not_change_the_results() {
    let c = catalog();
    let a = c.search(&SearchQuery::new("IDENTITÀ DIGITALE per la Pubblica Amministrazione")).unwrap();
    let b = c.search(&SearchQuery::new("identita digitale per la pubblica amministrazione")).unwrap();
    assert_eq!(ids(&a), ids(&b));
    assert_eq!(a[0].service_id.as_str(), "cns-spid");
}

#[test]
fn inflected_forms_match_through_the_stemmer() {
    let c = catalog();
    let hits = c.search(&SearchQuery::new("brevetti")).unwrap();
    assert_eq!(hits[0].service_id.as_str(), "marchi-brevetti");
    let reason = &hits[0].reasons[0];
    assert_eq!(reason.term, "brevetti");
    assert_eq!(reason.via, Via::Typed);
    assert!(reason.fields.contains(&Field::Name));
}

#[test]
fn a_synonym_match_says_which_synonym() {
    let c = catalog();
    let hits = c.search(&SearchQuery::new("contenzioso")).unwrap();
    assert_eq!(hits[0].service_id.as_str(), "mediazione-arbitrato");
    let r = hits[0].reasons.iter().find(|r| r.term == "controversia").unwrap();
    assert_eq!(r.via, Via::Synonym { from: "contenzioso".into(), to: "controversia".into() });
    assert_eq!(
        r.to_string(),
        "\"controversia\" in keywords, description (synonym: \"contenzioso\" ~ \"controversia\")"
    );
}

#[test]
fn a_need_phrase_match_says_which_phrase() {
    let c = catalog();
    let hits = c.search(&SearchQuery::new("tassa annuale")).unwrap();
    assert_eq!(hits[0].service_id.as_str(), "diritto-annuale");
    assert!(hits[0]
        .reasons
        .iter()
        .any(|r| r.via == Via::NeedPhrase { from: "tassa annuale".into(), to: "diritto annuale".into() }));
}

#[test]
fn the_profile_filter_keeps_only_services_for_that_profile() {
    let c = catalog();
    let all = c.search(&SearchQuery::new("iscrizione albo imprese artigiane")).unwrap();
    assert_eq!(all[0].service_id.as_str(), "albo-artigiani");
    let private = c
        .search(&SearchQuery::new("iscrizione albo imprese artigiane").profile(ProfileKind::Private))
        .unwrap();
    assert!(!ids(&private).contains(&"albo-artigiani"));
    for h in &private {
        assert!(c.service(h.service_id.as_str()).unwrap().is_for(ProfileKind::Private));
    }
}

#[test]
fn the_chamber_filter_keeps_only_active_services() {
    let c = catalog();
    let so = c.search(&SearchQuery::new("firma digitale").chamber(code("SO"))).unwrap();
    assert!(so.is_empty(), "Sondrio has not activated the digital signature: {:?}", ids(&so));
    let mi = c.search(&SearchQuery::new("firma digitale").chamber(code("MIMBLO"))).unwrap();
    assert_eq!(mi[0].service_id.as_str(), "firma-digitale");
}

#[test]
fn an_unknown_chamber_is_an_error_not_an_empty_result() {
    let err = catalog().search(&SearchQuery::new("visura").chamber(code("RM"))).unwrap_err();
    assert_eq!(err, CatalogError::UnknownChamber { code: "RM".into() });
}

#[test]
fn event_and_channel_filters_apply() {
    let c = catalog();
    let hits =
        c.search(&SearchQuery::new("impresa").business_event(BusinessEvent::Financing).limit(50)).unwrap();
    assert!(ids(&hits).contains(&"bandi-contributi"));
    for h in &hits {
        assert!(c
            .service(h.service_id.as_str())
            .unwrap()
            .business_events
            .contains(&BusinessEvent::Financing));
    }
    let pec = c.search(&SearchQuery::new("registro imprese").channel(Channel::Pec).limit(50)).unwrap();
    assert!(!ids(&pec).contains(&"registro-imprese-pratiche"));
}

#[test]
fn services_not_yet_offered_are_never_found() {
    let c = catalog();
    let hits = c.search(&SearchQuery::new("clausole vessatorie contratti tipo")).unwrap();
    assert!(!ids(&hits).contains(&"deposito-contratti-tipo"));
}

#[test]
fn a_query_of_stop_words_finds_nothing() {
    assert!(catalog().search(&SearchQuery::new("voglio fare una cosa per la mia")).unwrap().is_empty());
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn hits_respect_the_limit_the_filters_and_the_order(
        words in proptest::collection::vec(
            proptest::sample::select(vec![
                "impresa", "pagare", "documenti", "firma", "contributi", "estero", "registro", "bilancio",
                "certificato", "premio", "rifiuti", "prezzi", "artigiano", "camera", "online", "così",
            ]),
            1..5,
        ),
        profile in proptest::sample::select(ProfileKind::ALL.to_vec()),
        chamber in proptest::sample::select(vec!["MIMBLO", "BG", "BS", "COLC", "CRMNPV", "SO", "VA"]),
        limit in 1usize..8,
    ) {
        let c = catalog();
        let q = SearchQuery::new(words.join(" ")).profile(profile).chamber(code(chamber)).limit(limit);
        let hits = c.search(&q).unwrap();
        prop_assert!(hits.len() <= limit);
        for pair in hits.windows(2) {
            prop_assert!(pair[0].score >= pair[1].score);
        }
        let ch = c.chamber(&code(chamber)).unwrap();
        for h in &hits {
            let s = c.service(h.service_id.as_str()).unwrap();
            prop_assert!(s.is_for(profile));
            prop_assert!(ch.is_active(&s.id));
            prop_assert!(!h.reasons.is_empty());
            prop_assert!(h.score > 0.0);
        }
    }
}

// -- browsing ------------------------------------------------------------------------------------

#[test]
fn browsing_by_need_category_lists_the_ho_bisogno_di_entries() {
    let c = catalog();
    let names: Vec<&str> = c.categories().iter().map(|k| k.code.as_str()).collect();
    for code in ["concorsi", "atti", "diritti", "listino-prezzi", "firma-digitale", "bandi"] {
        assert!(names.contains(&code), "{code}");
    }
    let bandi: Vec<&str> = c.by_category("bandi").unwrap().iter().map(|s| s.id.as_str()).collect();
    assert_eq!(bandi, ["bandi-contributi"]);
    assert!(matches!(c.by_category("nope"), Err(CatalogError::UnknownCategory { .. })));
}

#[test]
fn browsing_by_event_uses_the_agid_codes() {
    let c = catalog();
    let closing: Vec<&str> =
        c.by_business_event(BusinessEvent::ClosingCompany).iter().map(|s| s.id.as_str()).collect();
    assert_eq!(closing, ["registro-imprese-pratiche"]);
    assert_eq!(BusinessEvent::ClosingCompany.code(), 10);
    assert!(BusinessEvent::Financing.uri().ends_with("/life-business-event/business-event/6"));
    let death: Vec<&str> = c.by_life_event(LifeEvent::Death).iter().map(|s| s.id.as_str()).collect();
    assert!(death.contains(&"mediazione-arbitrato"));
    assert_eq!(LifeEvent::from_code(20), None);
}

// -- grants --------------------------------------------------------------------------------------

fn software_house_in_milan() -> GrantApplicant {
    GrantApplicant {
        ateco_sections: vec![AtecoSection::new('J').unwrap()],
        legal_form: "SR".parse().unwrap(),
        size: Some(SizeClass::Micro),
        registered_office_province: "MI".parse().unwrap(),
        local_unit_provinces: vec!["BG".parse().unwrap()],
        registered_on: date(2019, 6, 12),
        active: true,
    }
}

#[test]
fn a_milan_software_micro_company_can_apply_to_the_digital_voucher_in_march_2026() {
    let report = catalog().eligible_grants(&software_house_in_milan(), date(2026, 3, 16));
    assert_eq!(report.eligible, ["voucher-digitali-i40-2026"]);
    let fiere = report.ineligible.iter().find(|g| g.grant_id == "fiere-internazionali-2026").unwrap();
    // a local unit in Bergamo does not count: that call wants the registered office there
    assert_eq!(
        fiere.failures,
        [CriterionFailure::Province {
            allowed: vec!["BG".parse().unwrap()],
            found: vec!["MI".parse().unwrap()],
            seat: SeatRule::RegisteredOffice
        }]
    );
    let closed = report.ineligible.iter().find(|g| g.grant_id == "sicurezza-lavoro-2025").unwrap();
    assert!(closed.failures.contains(&CriterionFailure::Closed { closed: date(2025, 10, 31) }));
}

#[test]
fn lower_case_province_and_legal_form_codes_are_the_same_codes() {
    let c = catalog();
    let grant = c.grants().iter().find(|g| g.id == "nuove-imprese-2026").unwrap();
    let mut a = software_house_in_milan();
    a.ateco_sections = vec![AtecoSection::new('C').unwrap()];
    a.legal_form = "sr".parse().unwrap();
    a.registered_office_province = " va".parse().unwrap();
    assert!(check(grant, &a, date(2026, 4, 1)).is_empty());
}

#[test]
fn every_failed_criterion_is_reported_not_only_the_first() {
    let c = catalog();
    let grant = c.grants().iter().find(|g| g.id == "artigianato-innovazione-2026").unwrap();
    let applicant = GrantApplicant {
        ateco_sections: vec![AtecoSection::new('K').unwrap()],
        legal_form: "SP".parse().unwrap(),
        size: Some(SizeClass::Large),
        registered_office_province: "SO".parse().unwrap(),
        local_unit_provinces: vec![],
        registered_on: date(2020, 1, 1),
        active: false,
    };
    let failures = check(grant, &applicant, date(2026, 1, 10));
    assert_eq!(failures.len(), 6, "{failures:#?}");
    assert!(failures.contains(&CriterionFailure::NotYetOpen { opens: date(2026, 2, 15) }));
    assert!(failures.contains(&CriterionFailure::NotActive));
    assert!(failures.contains(&CriterionFailure::SizeClass {
        allowed: vec![SizeClass::Micro, SizeClass::Small],
        found: Some(SizeClass::Large)
    }));
}

#[test]
fn a_local_unit_counts_when_the_call_accepts_any_seat() {
    let c = catalog();
    let grant = c.grants().iter().find(|g| g.id == "transizione-ecologica-2026").unwrap();
    let mut a = software_house_in_milan();
    a.ateco_sections = vec![AtecoSection::new('C').unwrap()];
    a.local_unit_provinces = vec!["BS".parse().unwrap()];
    assert!(check(grant, &a, date(2026, 4, 1)).is_empty());
}

#[test]
fn company_age_counts_whole_months_and_the_window_is_inclusive() {
    let c = catalog();
    let grant = c.grants().iter().find(|g| g.id == "fiere-internazionali-2026").unwrap();
    let mut a = software_house_in_milan();
    a.registered_office_province = "BG".parse().unwrap();
    a.registered_on = date(2025, 1, 16);
    assert_eq!(
        check(grant, &a, date(2026, 1, 15)),
        [CriterionFailure::TooYoung { min_months: 12, months: 11 }]
    );
    assert!(check(grant, &a, date(2026, 1, 16)).is_empty());
    assert!(check(grant, &a, date(2026, 11, 30)).is_empty());
    assert_eq!(
        check(grant, &a, date(2026, 12, 1)),
        [CriterionFailure::Closed { closed: date(2026, 11, 30) }]
    );
    assert_eq!(whole_months(date(2026, 1, 31), date(2026, 2, 28)), 0);
    assert_eq!(whole_months(date(2026, 1, 31), date(2026, 3, 1)), 1);
}

#[test]
fn a_registry_company_is_checked_through_its_grant_view() {
    use sportello::memory::InMemoryRegistry;
    use sportello::ports::BusinessRegistry;
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let rossi = registry.company_by_rea(&"MI-2012345".parse().unwrap()).unwrap().unwrap();
    let on = date(2026, 3, 16);
    let view = GrantApplicant::from_company(&rossi, Some(SizeClass::Small), on, AtecoVersion::Ateco2025);
    assert_eq!(view.ateco_sections, [AtecoSection::new('C').unwrap()]);
    assert_eq!(view.legal_form.code(), "SR");
    assert_eq!(view.registered_office_province.as_str(), "MI");
    let units: Vec<&str> = view.local_unit_provinces.iter().map(|p| p.as_str()).collect();
    assert_eq!(units, ["BG", "MB"]);
    assert!(view.active);
    let report =
        catalog().eligible_grants_for_company(&rossi, Some(SizeClass::Small), on, AtecoVersion::Ateco2025);
    assert_eq!(report.eligible, ["voucher-digitali-i40-2026"]);
    let verdi = registry.company_by_rea(&"BS-501234".parse().unwrap()).unwrap().unwrap();
    let report =
        catalog().eligible_grants_for_company(&verdi, Some(SizeClass::Medium), on, AtecoVersion::Ateco2025);
    assert_eq!(report.eligible, ["transizione-ecologica-2026"]);
    let crafts = report.ineligible.iter().find(|g| g.grant_id == "artigianato-innovazione-2026").unwrap();
    let failed: Vec<&str> = crafts.failures.iter().map(|f| f.criterion()).collect();
    assert_eq!(failed, ["legal_form", "size_class"]);
}

#[test]
fn an_undeclared_size_fails_only_the_calls_limited_by_size() {
    use sportello::memory::InMemoryRegistry;
    use sportello::ports::BusinessRegistry;
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let rossi = registry.company_by_rea(&"MI-2012345".parse().unwrap()).unwrap().unwrap();
    let on = date(2026, 3, 16);
    let declared =
        catalog().eligible_grants_for_company(&rossi, Some(SizeClass::Small), on, AtecoVersion::Ateco2025);
    let undeclared = catalog().eligible_grants_for_company(&rossi, None, on, AtecoVersion::Ateco2025);
    let limited: Vec<&str> = catalog()
        .grants()
        .iter()
        .filter(|g| g.criteria.size_classes.is_some())
        .map(|g| g.id.as_str())
        .collect();
    for id in &declared.eligible {
        assert_eq!(undeclared.eligible.contains(id), !limited.contains(&id.as_str()), "{id}");
    }
    for g in &undeclared.ineligible {
        let size_failure = g.failures.iter().find(|f| f.criterion() == "size_class");
        assert_eq!(size_failure.is_some(), limited.contains(&g.grant_id.as_str()), "{}", g.grant_id);
        if let Some(f) = size_failure {
            assert!(f.to_string().starts_with("size class not declared"), "{f}");
        }
    }
}

#[test]
fn a_ceased_company_is_not_active_for_grants() {
    use sportello::memory::InMemoryRegistry;
    use sportello::ports::BusinessRegistry;
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let bottega = registry.company_by_rea(&"MI-1712345".parse().unwrap()).unwrap().unwrap();
    let view = GrantApplicant::from_company(
        &bottega,
        Some(SizeClass::Micro),
        date(2026, 3, 16),
        AtecoVersion::Ateco2025,
    );
    assert!(!view.active);
    assert_eq!(view.ateco_sections, [AtecoSection::new('G').unwrap()]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    #[test]
    fn eligible_and_ineligible_partition_the_grants(
        section in proptest::sample::select(vec!['A', 'C', 'F', 'G', 'I', 'J', 'S']),
        form in proptest::sample::select(vec!["DI", "SN", "AS", "SR", "RS", "SP", "SC"]),
        size in proptest::sample::select(vec![SizeClass::Micro, SizeClass::Small, SizeClass::Medium, SizeClass::Large]),
        office in proptest::sample::select(vec!["MI", "BG", "BS", "CO", "LC", "CR", "MN", "PV", "SO", "VA", "LO", "MB"]),
        days_registered in 0i64..4000,
        day in 0i64..730,
        active in any::<bool>(),
    ) {
        let c = catalog();
        let on = date(2025, 6, 1) + chrono::Duration::days(day);
        let a = GrantApplicant {
            ateco_sections: vec![AtecoSection::new(section).unwrap()],
            legal_form: form.parse().unwrap(),
            size: Some(size),
            registered_office_province: office.parse().unwrap(),
            local_unit_provinces: vec![],
            registered_on: on - chrono::Duration::days(days_registered),
            active,
        };
        let report = c.eligible_grants(&a, on);
        prop_assert_eq!(report.eligible.len() + report.ineligible.len(), c.grants().len());
        for g in c.grants() {
            let failures = check(g, &a, on);
            prop_assert_eq!(failures.is_empty(), report.eligible.contains(&g.id));
            if !active && g.criteria.must_be_active {
                prop_assert!(failures.contains(&CriterionFailure::NotActive));
            }
        }
    }

    #[test]
    fn whole_months_after_adding_k_months_is_k(y in 2000i32..2040, m in 1u32..=12, d in 1u32..=28, k in 0u32..300) {
        let from = date(y, m, d);
        let to = from.checked_add_months(chrono::Months::new(k)).unwrap();
        prop_assert_eq!(whole_months(from, to), k);
    }
}

// -- JSON-LD export ------------------------------------------------------------------------------

fn services_of(doc: &serde_json::Value) -> Vec<&serde_json::Value> {
    doc["@graph"].as_array().unwrap().iter().filter(|n| n["@type"] == "cpsv:PublicService").collect()
}

#[test]
fn every_exported_service_carries_the_cpsv_ap_mandatory_properties() {
    let c = catalog();
    let doc = c.to_jsonld(None).unwrap();
    assert!(doc["@context"]["cpsv"].as_str().unwrap().starts_with("http://purl.org/vocab/cpsv"));
    let services = services_of(&doc);
    assert_eq!(services.len(), c.services().len());
    for s in services {
        for p in jsonld::MANDATORY_PROPERTIES {
            let v = &s[p];
            assert!(!v.is_null() && v != &serde_json::json!([]), "{} lacks {p}", s["dct:identifier"]);
        }
    }
    let catalogs = doc["@graph"].as_array().unwrap().iter().filter(|n| n["@type"] == "dcat:Catalog").count();
    assert_eq!(catalogs, 7);
}

#[test]
fn a_chambers_export_is_its_own_catalogue_of_its_active_services_with_local_names() {
    let c = catalog();
    let doc = c.to_jsonld(Some(&code("MIMBLO"))).unwrap();
    let text = serde_json::to_string(&doc).unwrap();
    let back: serde_json::Value = serde_json::from_str(&text).unwrap();
    let services = services_of(&back);
    assert_eq!(services.len(), 10);
    let fee = services.iter().find(|s| s["dct:identifier"] == "diritto-annuale").unwrap();
    assert_eq!(fee["dct:title"]["@value"], "Diritto annuale online");
    assert_eq!(fee["m8g:hasCompetentAuthority"][0]["@id"], "urn:sportello:camera:MIMBLO");
    let catalogue = back["@graph"].as_array().unwrap().iter().find(|n| n["@type"] == "dcat:Catalog").unwrap();
    assert_eq!(catalogue["dct:hasPart"].as_array().unwrap().len(), 10);
}

#[test]
fn a_service_no_chamber_activated_falls_to_the_regional_union() {
    let doc = catalog().to_jsonld(None).unwrap();
    let s = services_of(&doc).into_iter().find(|s| s["dct:identifier"] == "fgas").unwrap().clone();
    assert_eq!(s["m8g:hasCompetentAuthority"][0]["@id"], "urn:sportello:camera:UCL");
    assert_eq!(s["m8g:processingTime"]["@value"], "P20D");
}

#[test]
fn a_company_in_the_registry_json_shape_gets_the_same_view() {
    use sportello::memory::InMemoryRegistry;
    use sportello::ports::BusinessRegistry;
    let registry = InMemoryRegistry::with_fixtures().unwrap();
    let rossi = registry.company_by_rea(&"MI-2012345".parse().unwrap()).unwrap().unwrap();
    let on = date(2026, 3, 16);
    let json = serde_json::to_string(&rossi).unwrap();
    let view = GrantApplicant::from_company_json(&json, Some(SizeClass::Small), on, AtecoVersion::Ateco2025)
        .unwrap();
    assert_eq!(
        view,
        GrantApplicant::from_company(&rossi, Some(SizeClass::Small), on, AtecoVersion::Ateco2025)
    );
    let mut broken = rossi.clone();
    broken.name = " ".into();
    let err = GrantApplicant::from_company_json(
        &serde_json::to_string(&broken).unwrap(),
        Some(SizeClass::Small),
        on,
        AtecoVersion::Ateco2025,
    )
    .unwrap_err();
    assert!(
        matches!(err, CatalogError::InvalidCompany { ref field, ref rule, .. } if field == "name" && rule == "not_empty")
    );
}

// -- vocabularies read from text -----------------------------------------------------------------

#[test]
fn vocabulary_names_outside_their_lists_are_typed_errors_naming_field_and_rule() {
    use sportello::catalog::{CatalogError, Channel};
    let rule_field = |e: CatalogError| (e.field().to_string(), e.rule().to_string());
    assert_eq!("pec".parse::<Channel>().unwrap(), Channel::Pec);
    assert_eq!(rule_field("fax".parse::<Channel>().unwrap_err()), ("channel".into(), "known_channel".into()));
    assert_eq!("small".parse::<SizeClass>().unwrap(), SizeClass::Small);
    assert_eq!(rule_field("tiny".parse::<SizeClass>().unwrap_err()), ("size".into(), "size_class".into()));
    assert_eq!("ateco2007".parse::<AtecoVersion>().unwrap(), AtecoVersion::Ateco2007);
    assert_eq!(
        rule_field("nace".parse::<AtecoVersion>().unwrap_err()),
        ("ateco_version".into(), "known_version".into())
    );
    assert_eq!(
        rule_field("Z".parse::<sportello::catalog::AtecoSection>().unwrap_err()),
        ("ateco_sections".into(), "ateco_section".into())
    );
}

#[test]
fn agid_event_codes_of_any_size_outside_the_vocabulary_are_refused() {
    use sportello::catalog::BusinessEvent;
    assert_eq!("6".parse::<BusinessEvent>().unwrap().code(), 6);
    for bad in ["16", "256", "-1", "99999999999999999999", "six"] {
        let e = bad.parse::<BusinessEvent>().unwrap_err();
        assert_eq!((e.field(), e.rule()), ("business_event", "agid_vocabulary"), "{bad}");
    }
    assert_eq!("300".parse::<LifeEvent>().unwrap_err().field(), "life_event");
}
