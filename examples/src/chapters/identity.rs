//! Chapter: a SPID login, the profiles offered, acting for a company, a refused attempt.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use sportello::authz::{authorize, Action, Party};
use sportello::identity::{AssuranceTable, Identity, LevelOfAssurance};
use sportello::memory::{InMemoryPecDirectory, InMemoryRegistry, DELEGATION_FIXTURES};
use sportello::profile::{
    DelegationBook, DelegationScope, ProfileBasis, ProfileChoice, ProfileKind, Profiler,
};

pub fn run() {
    println!("== Identity and profiles: who is acting, and for whom ==");
    if let Err(e) = tour() {
        println!("  (chapter stopped: {e})");
    }
    println!();
}

fn tour() -> Result<(), Box<dyn std::error::Error>> {
    let registry = InMemoryRegistry::with_fixtures()?;
    let directory = InMemoryPecDirectory::with_fixtures()?;
    let book = DelegationBook::from_json(DELEGATION_FIXTURES)?;
    let today = NaiveDate::from_ymd_opt(2026, 3, 2).ok_or("date")?;

    // 1. A SPID login: the identity provider's attributes, checked on the way in.
    let attrs: BTreeMap<String, String> = [
        ("fiscalNumber", "TINIT-MRNSLV85R62L682Y"),
        ("name", "Silvia"),
        ("familyName", "Marino"),
        ("email", "silvia.marino@example.it"),
        ("authnContextClassRef", "https://www.spid.gov.it/SpidL2"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let silvia = Identity::from_spid(&attrs, &AssuranceTable::default())?;
    println!(
        "  SPID login: {} ({}), class {} -> eIDAS level {}",
        silvia.display_name(),
        silvia.codice_fiscale(),
        silvia.authn_level().map_or("-", |l| l.uri()),
        silvia.level()
    );
    let mut forged = attrs.clone();
    forged.insert("fiscalNumber".into(), "TINIT-ABCXYZ00W00Z000Z".into());
    if let Err(e) = Identity::from_spid(&forged, &AssuranceTable::default()) {
        println!("  a placeholder codice fiscale is refused: [{} / {}] {e}", e.attribute(), e.rule());
    }

    // 2. The profiles offered on 2 March 2026, derived from the Registro Imprese and delegations.
    let profiler = Profiler::new(&registry, &book).with_directory(&directory);
    println!("  profiles offered on {}:", today.format("%d/%m/%Y"));
    for p in profiler.profiles(&silvia, today)? {
        let whom =
            p.company.as_ref().map_or("herself".to_string(), |c| format!("{} (REA {})", c.name, c.rea));
        let why = match &p.basis {
            ProfileBasis::Citizen => "always".to_string(),
            ProfileBasis::Role { description, .. } => format!("registry role {description}"),
            ProfileBasis::Delegation { id, scope: DelegationScope::AllServices, .. } => {
                format!("delegation no. {id}, all services")
            }
            ProfileBasis::Delegation { id, scope: DelegationScope::Services { services }, .. } => {
                let list: Vec<&str> = services.iter().map(String::as_str).collect();
                format!("delegation no. {id}, only {}", list.join(", "))
            }
        };
        let pec = p.digital_domicile.as_ref().map_or("-".to_string(), ToString::to_string);
        println!("    {:<12} for {whom}; {why}; PEC {pec}", p.kind.as_str());
    }
    println!("  (auditor of Verdi Acciai and limited partner of Galli Legnami: no representation, no business profile;");
    println!("   Galli Legnami revoked its delegation with effect from 01/03/2025)");

    // 3. Acting for a company under a delegation limited to one service.
    let verdi = "03456780174".parse()?;
    let choice = ProfileChoice { kind: ProfileKind::Intermediary, company: Some(verdi) };
    let actor = profiler.act_as(&silvia, &choice, today)?;
    let party = Party::Company("03456780174".parse()?);
    let access = Action::UseService {
        service: "accesso-atti".into(),
        party: party.clone(),
        required_level: LevelOfAssurance::Substantial,
    };
    println!(
        "  acting as intermediary for Verdi Acciai S.p.A.: accesso-atti -> {:?}",
        authorize(&actor, &access)
    );

    // 4. Refused attempts, each naming its rule and nothing about others.
    let complaint = Action::UseService {
        service: "reclami".into(),
        party,
        required_level: LevelOfAssurance::Substantial,
    };
    if let Err(e) = authorize(&actor, &complaint) {
        println!("  reclami for Verdi Acciai -> refused, rule {}: {e}", e.rule.as_str());
    }
    let grant = Action::ManageDelegations { company: "03456780174".parse()? };
    if let Err(e) = authorize(&actor, &grant) {
        println!("  granting delegations for Verdi Acciai -> refused, rule {}", e.rule.as_str());
    }
    let stranger = ProfileChoice { kind: ProfileKind::Business, company: Some("01234560017".parse()?) };
    if let Err(e) = profiler.act_as(&silvia, &stranger, today) {
        println!("  acting as business for Rossi Meccanica S.r.l. -> refused, rule {}: {e}", e.rule());
    }
    Ok(())
}
