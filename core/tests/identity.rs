//! Identity from SPID, CIE, CNS and legacy passwords: the examples of
//! `identifiers-payments.md` §3 parse; malformed attributes are refused with the attribute named.
#![allow(clippy::unwrap_used)] // test helpers: a failed unwrap is a failed test

use std::collections::BTreeMap;

use sportello::identity::{
    AssuranceTable, AuthMethod, AuthnLevel, Identity, IdentityError, LevelOfAssurance, LevelsByClass,
};

fn attrs(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
}

fn spid(pairs: &[(&str, &str)]) -> Result<Identity, IdentityError> {
    Identity::from_spid(&attrs(pairs), &AssuranceTable::default())
}

const L2: &str = "https://www.spid.gov.it/SpidL2";

#[test]
fn spid_saml_sample_of_the_technical_rules_parses() {
    let id = spid(&[
        ("fiscalNumber", "TINIT-GDASDV00A01H501J"),
        ("ivaCode", "VATIT-97735020584"),
        ("spidCode", "ABCD123456789A"),
        ("name", "Giada"),
        ("familyName", "Sdavi"),
        ("email", "giada.sdavi@example.it"),
        ("authnContextClassRef", L2),
    ])
    .unwrap();
    assert_eq!(id.method(), AuthMethod::Spid);
    assert_eq!(id.codice_fiscale().as_str(), "GDASDV00A01H501J");
    assert_eq!(id.partita_iva().map(|p| p.as_str()), Some("97735020584"));
    assert_eq!(id.spid_code(), Some("ABCD123456789A"));
    assert_eq!(id.authn_level(), Some(AuthnLevel::L2));
    assert_eq!(id.display_name(), "Giada Sdavi");
}

#[test]
fn spid_classes_map_to_eidas_low_substantial_high() {
    for (uri, level) in [
        ("https://www.spid.gov.it/SpidL1", LevelOfAssurance::Low),
        ("https://www.spid.gov.it/SpidL2", LevelOfAssurance::Substantial),
        ("https://www.spid.gov.it/SpidL3", LevelOfAssurance::High),
    ] {
        let id = spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501J"), ("authnContextClassRef", uri)]).unwrap();
        assert_eq!(id.level(), level, "{uri}");
    }
}

#[test]
fn spid_oidc_claims_parse_like_saml_attributes() {
    let id = spid(&[
        ("https://attributes.eid.gov.it/fiscal_number", "TINIT-GDASDV00A01H501J"),
        ("https://attributes.eid.gov.it/vat_number", "VATIT-97735020584"),
        ("given_name", "Giada"),
        ("family_name", "Sdavi"),
        ("acr", "https://www.spid.gov.it/SpidL3"),
    ])
    .unwrap();
    assert_eq!(id.level(), LevelOfAssurance::High);
    assert_eq!(id.given_name(), Some("Giada"));
}

#[test]
fn identifiers_are_upper_cased_before_the_check() {
    let id = spid(&[("fiscalNumber", "tinit-gdasdv00a01h501j"), ("authnContextClassRef", L2)]).unwrap();
    assert_eq!(id.codice_fiscale().as_str(), "GDASDV00A01H501J");
}

#[test]
fn cie_reuses_the_spid_class_uris_for_levels_1_to_3() {
    let table = AssuranceTable::default();
    let id = Identity::from_cie(
        &attrs(&[
            ("fiscalNumber", "TINIT-RSSMRA80A01F205X"),
            ("authnContextClassRef", "https://www.spid.gov.it/SpidL3"),
        ]),
        &table,
    )
    .unwrap();
    assert_eq!((id.method(), id.level()), (AuthMethod::Cie, LevelOfAssurance::High));
}

#[test]
fn cns_subject_as_full_dn_gives_codice_fiscale_and_names() {
    let id = Identity::from_cns(
        "CN=RSSMRA80A01F205X/6120016461039008.i1ZpZfQ3kq0=, SN=ROSSI, GN=MARIO, O=Actalis, C=IT",
        &AssuranceTable::default(),
    )
    .unwrap();
    assert_eq!(id.codice_fiscale().as_str(), "RSSMRA80A01F205X");
    assert_eq!((id.given_name(), id.family_name()), (Some("MARIO"), Some("ROSSI")));
    assert_eq!((id.method(), id.level()), (AuthMethod::Cns, LevelOfAssurance::High));
}

#[test]
fn cns_bare_common_name_with_base64_padding_parses() {
    let id =
        Identity::from_cns("RSSMRA80A01F205X/6120016461039008.i1ZpZf=", &AssuranceTable::default()).unwrap();
    assert_eq!(id.codice_fiscale().as_str(), "RSSMRA80A01F205X");
}

#[test]
fn cns_level_follows_the_configured_table() {
    let table =
        AssuranceTable::new(LevelsByClass::EIDAS, LevelsByClass::EIDAS, LevelOfAssurance::Substantial)
            .unwrap();
    let id = Identity::from_cns("RSSMRA80A01F205X/1.x", &table).unwrap();
    assert_eq!(id.level(), LevelOfAssurance::Substantial);
}

#[test]
fn password_logins_are_always_low() {
    let id = Identity::from_password_login("RSSMRA80A01F205X".parse().unwrap(), None, None, None).unwrap();
    assert_eq!((id.method(), id.level()), (AuthMethod::Password, LevelOfAssurance::Low));
}

#[test]
fn fiscal_number_without_tinit_prefix_is_refused_naming_the_attribute() {
    let e = spid(&[("fiscalNumber", "GDASDV00A01H501J"), ("authnContextClassRef", L2)]).unwrap_err();
    assert_eq!(e, IdentityError::WrongPrefix { attribute: "fiscalNumber".into(), expected: "TINIT-" });
    assert_eq!((e.attribute(), e.rule()), ("fiscalNumber", "prefix"));
}

#[test]
fn iva_code_without_vatit_prefix_is_refused_naming_the_attribute() {
    let e = spid(&[
        ("fiscalNumber", "TINIT-GDASDV00A01H501J"),
        ("ivaCode", "IT97735020584"),
        ("authnContextClassRef", L2),
    ])
    .unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("ivaCode", "prefix"));
}

#[test]
fn placeholder_identifiers_of_the_oidc_docs_are_refused() {
    let e = spid(&[("https://attributes.eid.gov.it/fiscal_number", "TINIT-ABCXYZ00W00Z000Z"), ("acr", L2)])
        .unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("https://attributes.eid.gov.it/fiscal_number", "codice_fiscale"));
    let e = spid(&[
        ("fiscalNumber", "TINIT-GDASDV00A01H501J"),
        ("https://attributes.eid.gov.it/vat_number", "VATIT-12345678901"),
        ("acr", L2),
    ])
    .unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("https://attributes.eid.gov.it/vat_number", "partita_iva"));
}

#[test]
fn codice_fiscale_with_a_wrong_check_character_is_refused() {
    let e = spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501K"), ("authnContextClassRef", L2)]).unwrap_err();
    assert!(
        matches!(e, IdentityError::InvalidCodiceFiscale { ref attribute, .. } if attribute == "fiscalNumber")
    );
}

#[test]
fn unknown_level_is_refused_naming_the_attribute() {
    for bad in ["https://www.spid.gov.it/SpidL4", "SpidL2", "2", "https://www.spid.gov.it/spidl2"] {
        let e =
            spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501J"), ("authnContextClassRef", bad)]).unwrap_err();
        assert_eq!((e.attribute(), e.rule()), ("authnContextClassRef", "level"), "{bad}");
    }
}

#[test]
fn missing_fiscal_number_or_level_is_refused() {
    let e = spid(&[("authnContextClassRef", L2)]).unwrap_err();
    assert_eq!(e, IdentityError::MissingAttribute { attribute: "fiscalNumber".into() });
    let e = spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501J")]).unwrap_err();
    assert_eq!(e, IdentityError::MissingAttribute { attribute: "authnContextClassRef".into() });
}

#[test]
fn malformed_email_spid_code_and_empty_names_are_refused() {
    let base = [("fiscalNumber", "TINIT-GDASDV00A01H501J"), ("authnContextClassRef", L2)];
    for (attr, value, rule) in [
        ("email", "giada@", "email"),
        ("email", "giada sdavi@example.it", "email"),
        ("spidCode", "AB12", "spid_code"),
        ("name", "  ", "empty"),
    ] {
        let mut pairs = base.to_vec();
        pairs.push((attr, value));
        let e = spid(&pairs).unwrap_err();
        assert_eq!((e.attribute(), e.rule()), (attr, rule), "{attr}={value}");
    }
}

#[test]
fn cns_subject_without_card_separator_is_refused() {
    let e = Identity::from_cns("CN=RSSMRA80A01F205X, C=IT", &AssuranceTable::default()).unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("CN", "separator"));
    let e = Identity::from_cns("O=Actalis, C=IT, SN=ROSSI", &AssuranceTable::default()).unwrap_err();
    assert_eq!(e.rule(), "no_cn");
    let e = Identity::from_cns("CN=RSSMRA80A01F205Y/123.abc", &AssuranceTable::default()).unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("CN", "codice_fiscale"));
}

#[test]
fn assurance_table_giving_a_higher_class_a_lower_level_is_refused() {
    let upside_down = LevelsByClass {
        l1: LevelOfAssurance::High,
        l2: LevelOfAssurance::Substantial,
        l3: LevelOfAssurance::Low,
    };
    let e = AssuranceTable::new(upside_down, LevelsByClass::EIDAS, LevelOfAssurance::High).unwrap_err();
    assert_eq!(e, IdentityError::DecreasingAssuranceTable { method: "spid" });
    let json = r#"{"spid":{"l1":"high","l2":"low","l3":"low"},"cie":{"l1":"low","l2":"low","l3":"low"},"cns":"high"}"#;
    assert!(serde_json::from_str::<AssuranceTable>(json).is_err());
}

#[test]
fn identity_json_round_trips_and_a_stored_password_identity_cannot_claim_more_than_low() {
    let id = spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501J"), ("authnContextClassRef", L2)]).unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert!(json.contains(r#""level":"substantial""#), "{json}");
    assert_eq!(serde_json::from_str::<Identity>(&json).unwrap(), id);
    let forged = json.replace(r#""method":"spid""#, r#""method":"password""#);
    assert!(serde_json::from_str::<Identity>(&forged).is_err());
}

#[test]
fn a_stored_identity_cannot_claim_a_level_its_class_does_not_give() {
    let id = spid(&[("fiscalNumber", "TINIT-GDASDV00A01H501J"), ("authnContextClassRef", L2)]).unwrap();
    let json = serde_json::to_string(&id).unwrap();
    let forged = json.replace(r#""level":"substantial""#, r#""level":"high""#);
    let e = Identity::from_json(&forged, &AssuranceTable::default()).unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("level", "level_consistency"));
    assert!(serde_json::from_str::<Identity>(&forged).is_err(), "serde checks against the default table");
    assert_eq!(Identity::from_json(&json, &AssuranceTable::default()).unwrap(), id);
}

#[test]
fn a_stored_identity_whose_class_does_not_fit_its_method_is_refused() {
    let id = Identity::from_cns("RSSMRA80A01F205X/1.x", &AssuranceTable::default()).unwrap();
    let json = serde_json::to_string(&id).unwrap();
    let with_class =
        json.replace(r#""authn_level":null"#, r#""authn_level":"https://www.spid.gov.it/SpidL3""#);
    assert_eq!(
        Identity::from_json(&with_class, &AssuranceTable::default()).unwrap_err().rule(),
        "level_consistency"
    );
}

#[test]
fn a_stored_identity_is_read_against_the_table_that_made_it() {
    let table =
        AssuranceTable::new(LevelsByClass::EIDAS, LevelsByClass::EIDAS, LevelOfAssurance::Substantial)
            .unwrap();
    let id = Identity::from_cns("RSSMRA80A01F205X/1.x", &table).unwrap();
    let json = serde_json::to_string(&id).unwrap();
    assert_eq!(Identity::from_json(&json, &table).unwrap(), id);
    assert_eq!(
        Identity::from_json(&json, &AssuranceTable::default()).unwrap_err().rule(),
        "level_consistency"
    );
}

#[test]
fn methods_parse_by_their_snake_case_names_only() {
    assert_eq!("cie".parse::<AuthMethod>(), Ok(AuthMethod::Cie));
    let e = "SPID".parse::<AuthMethod>().unwrap_err();
    assert_eq!((e.attribute(), e.rule()), ("method", "method"));
}
